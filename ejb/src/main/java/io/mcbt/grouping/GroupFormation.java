package io.mcbt.grouping;

import io.mcbt.metainfo.InfoHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Puts leechers into groups and runs the groups' lifecycle. A leecher joins the group with the same
 * torrent, the same nearest sender and the same RTT band: a sending group with room (as a late
 * joiner), else the forming one, else a new one. A forming group starts when its formation window
 * ends or when it is full; a group ends when every member is done or gone, or at its deadline. Pure
 * and thread-safe; time is passed in.
 */
public final class GroupFormation {
  /**
   * How groups form.
   *
   * @param bands the RTT bands
   * @param formationWindowNs how long a new group waits for more members
   * @param maxMembers the most members a group takes
   * @param lanBands bands below this number are the local network: TTL {@code lanTtl}
   * @param lanTtl multicast TTL on the local network (1: never routed)
   * @param wanTtl multicast TTL for slower bands
   * @param deadlineNs how long a group may run before it is ended as failed
   */
  public record Settings(
      RttBands bands,
      long formationWindowNs,
      int maxMembers,
      int lanBands,
      int lanTtl,
      int wanTtl,
      long deadlineNs) {
    public Settings {
      if (maxMembers < 1 || formationWindowNs < 0 || deadlineNs <= 0) {
        throw new IllegalArgumentException("a group has room for one, and times are positive");
      }
    }
  }

  /** The sort key of forming and sending groups. */
  private record Key(InfoHash infoHash, String senderId, int band) {}

  private final Settings settings;
  private final AddressPool addresses;
  private final RandomGenerator random;
  private final SecureRandom keys = new SecureRandom();
  private final Map<Key, Group> forming = new HashMap<>();
  private final Map<Long, Group> active = new LinkedHashMap<>();

  public GroupFormation(Settings settings, AddressPool addresses, RandomGenerator random) {
    this.settings = settings;
    this.addresses = addresses;
    this.random = random;
  }

  public synchronized Placement join(Candidate candidate, long nowNs) {
    Optional<Group> already = activeGroupOf(candidate.peerId(), candidate.infoHash());
    if (already.isPresent()) {
      Group group = already.get();
      return group.state() == GroupState.FORMING
          ? new Placement.Forming(group)
          : new Placement.LateJoin(group);
    }
    Key key =
        new Key(
            candidate.infoHash(), candidate.senderId(), settings.bands().bandOf(candidate.rttNs()));
    Optional<Group> sending = sendingWithRoom(key);
    if (sending.isPresent()) {
      sending.get().add(member(candidate, nowNs, true));
      return new Placement.LateJoin(sending.get());
    }
    Group group = forming.computeIfAbsent(key, k -> newGroup(k, nowNs));
    group.add(member(candidate, nowNs, false));
    if (group.size() >= settings.maxMembers()) {
      start(key, group, nowNs);
      return new Placement.Started(group);
    }
    return new Placement.Forming(group);
  }

  /** Starts the forming groups whose window has passed; returns them. */
  public synchronized List<Group> startDue(long nowNs) {
    List<Group> started = new ArrayList<>();
    for (Map.Entry<Key, Group> entry : List.copyOf(forming.entrySet())) {
      if (nowNs - entry.getValue().createdAtNs() >= settings.formationWindowNs()) {
        start(entry.getKey(), entry.getValue(), nowNs);
        started.add(entry.getValue());
      }
    }
    return started;
  }

  /** A member reported verified bytes. */
  public synchronized void progress(long sessionId, String peerId, long bytesDone) {
    progress(sessionId, peerId, bytesDone, 0);
  }

  /** A member's verified bytes, and the datagrams it dropped (a sign of an attack, or a bug). */
  public synchronized void progress(
      long sessionId, String peerId, long bytesDone, long droppedDatagrams) {
    Group group = active.get(sessionId);
    if (group != null) {
      group.update(peerId, member -> member.withProgress(bytesDone, droppedDatagrams));
    }
  }

  /** The group's sender reported its figures; from anyone else the report is ignored. */
  public synchronized void senderReport(
      long sessionId, String senderId, Group.SenderFigures figures) {
    Group group = active.get(sessionId);
    if (group != null && group.senderId().equals(senderId)) {
      group.reportSent(figures);
    }
  }

  /** A member has every piece; returns the group if that ended it. */
  public synchronized Optional<Group> done(long sessionId, String peerId, long nowNs) {
    Group group = active.get(sessionId);
    if (group == null || !group.hasMember(peerId)) {
      return Optional.empty();
    }
    group.update(peerId, Member::finished);
    return endIfSettled(group, nowNs);
  }

  /** A peer left (its WebSocket closed); returns the groups that ended because of it. */
  public synchronized List<Group> gone(String peerId, long nowNs) {
    List<Group> ended = new ArrayList<>();
    for (Group group : List.copyOf(active.values())) {
      if (group.hasMember(peerId)) {
        group.update(peerId, Member::departed);
        endIfSettled(group, nowNs).ifPresent(ended::add);
      }
    }
    return ended;
  }

  /** Ends groups that ran past their deadline: done if every member finished, else failed. */
  public synchronized List<Group> expire(long nowNs) {
    List<Group> ended = new ArrayList<>();
    for (Group group : List.copyOf(active.values())) {
      if (group.state() == GroupState.SENDING
          && nowNs - group.startedAtNs() > settings.deadlineNs()) {
        end(group, group.allDone() ? GroupState.DONE : GroupState.FAILED, nowNs);
        ended.add(group);
      }
    }
    return ended;
  }

  /**
   * The sender left: the group continues with another peer that holds the data. Members keep what
   * they have.
   *
   * @return the groups whose sender changed (empty if the peer sent for none)
   */
  public synchronized List<Group> replaceSender(String goneSender, List<String> holders) {
    List<Group> changed = new ArrayList<>();
    for (Group group : List.copyOf(active.values())) {
      if (!group.senderId().equals(goneSender)) {
        continue;
      }
      Optional<String> replacement =
          holders.stream().filter(holder -> !holder.equals(goneSender)).findFirst();
      if (replacement.isPresent()) {
        group.replaceSender(replacement.get());
        changed.add(group);
      }
    }
    return changed;
  }

  /**
   * Ends a group at once (e.g. no sender left), releasing its address.
   *
   * @return the group, if this call ended it (not if it had ended already)
   */
  public synchronized Optional<Group> fail(long sessionId, long nowNs) {
    Group group = active.get(sessionId);
    if (group == null) {
      return Optional.empty();
    }
    end(group, GroupState.FAILED, nowNs);
    return Optional.of(group);
  }

  /**
   * Takes over a group that another instance formed: it goes on as it was, its address stays taken.
   * Groups already known are left as they are.
   */
  public synchronized void adopt(Group group) {
    if (active.containsKey(group.sessionId())) {
      return;
    }
    addresses.claim(group.address());
    active.put(group.sessionId(), group);
    if (group.state() == GroupState.FORMING) {
      forming.put(new Key(group.infoHash(), group.senderId(), group.band()), group);
    }
  }

  public synchronized Optional<Group> group(long sessionId) {
    return Optional.ofNullable(active.get(sessionId));
  }

  public synchronized List<Group> activeGroups() {
    return List.copyOf(active.values());
  }

  private Optional<Group> activeGroupOf(String peerId, InfoHash infoHash) {
    return active.values().stream()
        .filter(group -> group.infoHash().equals(infoHash) && group.hasMember(peerId))
        .findFirst();
  }

  private Optional<Group> sendingWithRoom(Key key) {
    return active.values().stream()
        .filter(
            group ->
                group.state() == GroupState.SENDING
                    && group.infoHash().equals(key.infoHash())
                    && group.senderId().equals(key.senderId())
                    && group.band() == key.band()
                    && group.size() < settings.maxMembers())
        .findFirst();
  }

  private Group newGroup(Key key, long nowNs) {
    int ttl = key.band() < settings.lanBands() ? settings.lanTtl() : settings.wanTtl();
    byte[] groupKey = new byte[32];
    keys.nextBytes(groupKey);
    Group group =
        new Group(
            // 53 bits: group ids travel in JSON, and JavaScript numbers hold no more exactly.
            random.nextLong() >>> 11,
            key.infoHash(),
            key.senderId(),
            key.band(),
            addresses.allocate(ttl),
            groupKey,
            nowNs);
    active.put(group.sessionId(), group);
    return group;
  }

  private void start(Key key, Group group, long nowNs) {
    forming.remove(key, group);
    group.start(nowNs);
  }

  private Optional<Group> endIfSettled(Group group, long nowNs) {
    if (!group.allSettled()) {
      return Optional.empty();
    }
    // Members that left early lose nothing they verified; the group did its job for the rest.
    end(group, group.anyDone() ? GroupState.DONE : GroupState.FAILED, nowNs);
    return Optional.of(group);
  }

  private void end(Group group, GroupState outcome, long nowNs) {
    forming.values().remove(group);
    active.remove(group.sessionId());
    addresses.release(group.address());
    group.end(outcome, nowNs);
  }

  private static Member member(Candidate candidate, long nowNs, boolean late) {
    return new Member(candidate.peerId(), candidate.rttNs(), nowNs, late, 0, false, false, 0);
  }
}
