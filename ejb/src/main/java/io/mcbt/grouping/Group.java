package io.mcbt.grouping;

import io.mcbt.metainfo.InfoHash;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A multicast group: its address and key, its sender and members, and where it is in its lifecycle.
 * Changed only by {@link GroupFormation}, under its lock; readers get copies.
 */
public final class Group {
  private final long sessionId;
  private final InfoHash infoHash;
  private final int band;
  private final MulticastAddress address;
  private final byte[] key;
  private final long createdAtNs;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private String senderId;
  private GroupState state = GroupState.FORMING;
  private long startedAtNs;
  private long endedAtNs;
  private SenderFigures senderFigures = new SenderFigures(0, 0, 0, 0);

  /**
   * What the sender reported having sent.
   *
   * @param bytesSent payload bytes multicast, retransmissions included
   * @param rounds repair rounds
   * @param retransmittedBytes bytes sent again after NACKs
   * @param nacksReceived NACKs received from members
   */
  public record SenderFigures(
      long bytesSent, int rounds, long retransmittedBytes, long nacksReceived) {}

  Group(
      long sessionId,
      InfoHash infoHash,
      String senderId,
      int band,
      MulticastAddress address,
      byte[] key,
      long createdAtNs) {
    this.sessionId = sessionId;
    this.infoHash = infoHash;
    this.senderId = senderId;
    this.band = band;
    this.address = address;
    this.key = key.clone();
    this.createdAtNs = createdAtNs;
  }

  /**
   * A group as another instance of the cluster last recorded it, for the instance that takes its
   * groups over.
   */
  public static Group restored(
      long sessionId,
      InfoHash infoHash,
      String senderId,
      int band,
      MulticastAddress address,
      byte[] key,
      long createdAtNs,
      GroupState state,
      long startedAtNs,
      List<Member> members,
      SenderFigures senderFigures) {
    Group group = new Group(sessionId, infoHash, senderId, band, address, key, createdAtNs);
    group.state = state;
    group.startedAtNs = startedAtNs;
    members.forEach(group::add);
    group.senderFigures = senderFigures;
    return group;
  }

  public long sessionId() {
    return sessionId;
  }

  public InfoHash infoHash() {
    return infoHash;
  }

  public synchronized String senderId() {
    return senderId;
  }

  public int band() {
    return band;
  }

  public MulticastAddress address() {
    return address;
  }

  /**
   * The 256-bit key that authenticates the group's datagrams; only members and the sender get it.
   */
  public byte[] key() {
    return key.clone();
  }

  public long createdAtNs() {
    return createdAtNs;
  }

  public synchronized GroupState state() {
    return state;
  }

  public synchronized long startedAtNs() {
    return startedAtNs;
  }

  public synchronized long endedAtNs() {
    return endedAtNs;
  }

  public synchronized List<Member> members() {
    return List.copyOf(members.values());
  }

  public synchronized boolean hasMember(String peerId) {
    return members.containsKey(peerId);
  }

  /** The slowest member's RTT: what the sender's timers must allow for. */
  public synchronized long slowestRttNs() {
    return members.values().stream().mapToLong(Member::rttNs).max().orElse(0);
  }

  synchronized int size() {
    return members.size();
  }

  synchronized void add(Member member) {
    members.put(member.peerId(), member);
  }

  synchronized void update(String peerId, UnaryOperator<Member> change) {
    members.computeIfPresent(peerId, (id, member) -> change.apply(member));
  }

  synchronized boolean allSettled() {
    return !members.isEmpty() && members.values().stream().allMatch(Member::settled);
  }

  synchronized boolean allDone() {
    return !members.isEmpty() && members.values().stream().allMatch(Member::done);
  }

  synchronized boolean anyDone() {
    return members.values().stream().anyMatch(Member::done);
  }

  synchronized void start(long nowNs) {
    state = GroupState.SENDING;
    startedAtNs = nowNs;
  }

  synchronized void end(GroupState outcome, long nowNs) {
    state = outcome;
    endedAtNs = nowNs;
  }

  public synchronized SenderFigures senderFigures() {
    return senderFigures;
  }

  synchronized void reportSent(SenderFigures figures) {
    senderFigures = figures;
  }

  synchronized void replaceSender(String newSender) {
    senderId = newSender;
  }

  synchronized Collection<String> memberIds() {
    return List.copyOf(members.keySet());
  }

  @Override
  public synchronized String toString() {
    return "Group[" + sessionId + " " + state + " " + address + " members=" + members.size() + "]";
  }
}
