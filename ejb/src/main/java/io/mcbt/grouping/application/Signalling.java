package io.mcbt.grouping.application;

import io.mcbt.grouping.Candidate;
import io.mcbt.grouping.Group;
import io.mcbt.grouping.GroupFormation;
import io.mcbt.grouping.GroupState;
import io.mcbt.grouping.Member;
import io.mcbt.grouping.Placement;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import io.mcbt.tracker.application.SwarmService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The conversation with peers on {@code /ws/peer}: names candidate senders to leechers, groups them
 * when their RTT reports come in, assigns the groups, and ends them. Messages go out as {@link
 * Outbound} events.
 */
@ApplicationScoped
public class Signalling {
  private static final Logger LOG = Logger.getLogger(Signalling.class.getName());

  @Inject GroupingSettings settings;
  @Inject GroupRecords records;
  @Inject Event<Outbound> outbound;
  @Inject Event<GroupsChanged> changed;
  @Inject AddressClaims addressClaims;

  /** Whether a torrent's swarm has a seeder, before a leecher is made a relay. */
  @Inject SwarmService swarms;

  private final Map<String, ConnectedPeer> peers = new ConcurrentHashMap<>();

  private final Relays relays = new Relays();

  private final LongAdder bytesMulticast = new LongAdder();
  private final LongAdder nacks = new LongAdder();

  /** The tracker's own RTT to each peer, from WebSocket ping and pong. */
  private final Map<String, Long> trackerRttsNs = new ConcurrentHashMap<>();

  private GroupFormation formation;

  /**
   * Held from a change of a group's members to the messages that tell of it. Without it, a leecher
   * that reported while the clock started its group joined late and was also on the group's first
   * member list: its sender counted it twice and waited for a member that never came (seen once in
   * a bench run of sixteen leechers).
   */
  private final Object membership = new Object();

  @PostConstruct
  void start() {
    formation =
        new GroupFormation(
            settings.formation(),
            settings.addressPool().sharedThrough(addressClaims),
            new SecureRandom());
  }

  /** A peer introduced itself: leechers learn their candidate senders, waiting ones learn of it. */
  public void hello(SignalMessage.Hello hello, String host) {
    ConnectedPeer peer = ConnectedPeer.of(hello, host);
    peers.put(peer.peerId(), peer);
    for (InfoHash wanted : peer.wants()) {
      if (relays.relays(peer.peerId(), wanted)) {
        send(peer.peerId(), new SignalMessage.Relay(wanted)); // it reconnected
        continue;
      }
      SignalMessage.Candidates candidates = candidates(wanted, peer.peerId());
      send(peer.peerId(), candidates);
      if (candidates.senders().isEmpty() && peer.canMulticast()) {
        relays.consider(peer.peerId(), wanted, System.nanoTime());
      }
    }
    for (InfoHash held : peer.holds()) {
      peers.values().stream()
          .filter(other -> other.wants().contains(held) && !other.peerId().equals(peer.peerId()))
          .forEach(waiting -> send(waiting.peerId(), candidates(held, waiting.peerId())));
    }
  }

  /**
   * A leecher whose wait is over relays its torrent if it is still here, still nobody on the
   * channel holds the torrent, and the swarm has a seeder to fetch from (else it waits again).
   */
  private void promoteRelays(long nowNs) {
    for (Relays.Candidate candidate : relays.due(nowNs)) {
      ConnectedPeer peer = peers.get(candidate.peerId());
      InfoHash torrent = candidate.torrent();
      if (peer == null
          || !peer.wants().contains(torrent)
          || !candidates(torrent, peer.peerId()).senders().isEmpty()) {
        continue;
      }
      var counts = swarms.scrape(Set.of(torrent)).get(torrent);
      if (counts == null || counts.complete() == 0) {
        relays.consider(peer.peerId(), torrent, nowNs);
      } else if (relays.make(candidate)) {
        LOG.info(
            () ->
                "Torrent " + torrent + ": no holder on the channel, " + peer.peerId() + " relays");
        send(peer.peerId(), new SignalMessage.Relay(torrent));
        // Leechers that are waiting for a sender learn of the relay.
        peers.values().stream()
            .filter(
                other -> other.wants().contains(torrent) && !other.peerId().equals(peer.peerId()))
            .forEach(waiting -> send(waiting.peerId(), candidates(torrent, waiting.peerId())));
      }
    }
  }

  /** A leecher measured its senders: it joins the group of the nearest one. */
  public void rttReport(String peerId, SignalMessage.RttReport report) {
    ConnectedPeer peer = peers.get(peerId);
    if (peer == null || !peer.wants().contains(report.infoHash())) {
      send(peerId, new SignalMessage.ErrorMessage("say hello with this torrent in wants first"));
      return;
    }
    Optional<SignalMessage.Probe> nearest =
        report.probes().stream()
            .filter(probe -> holds(probe.senderId(), report.infoHash()))
            .min(Comparator.comparingLong(SignalMessage.Probe::minRttMicros));
    if (nearest.isEmpty()) {
      send(peerId, new SignalMessage.ErrorMessage("no probed peer holds this torrent now"));
      return;
    }
    synchronized (membership) {
      Placement placement =
          formation.join(
              new Candidate(
                  peerId,
                  report.infoHash(),
                  nearest.get().senderId(),
                  nearest.get().minRttMicros() * 1_000),
              System.nanoTime());
      if (placement instanceof Placement.Started started) {
        assignAll(started.group());
      } else if (placement instanceof Placement.LateJoin late) {
        assign(late.group(), peerId);
        sendToSender(late.group(), List.of(peerId));
      }
    }
    changed.fire(new GroupsChanged());
  }

  public void trackerRtt(String peerId, long rttNs) {
    if (peers.containsKey(peerId) && rttNs >= 0) {
      trackerRttsNs.put(peerId, rttNs);
    }
  }

  public Optional<Long> trackerRttNs(String peerId) {
    return Optional.ofNullable(trackerRttsNs.get(peerId));
  }

  public void progress(String peerId, SignalMessage.Progress progress) {
    formation.progress(
        progress.groupId(), peerId, progress.bytesDone(), progress.droppedDatagrams());
    changed.fire(new GroupsChanged());
  }

  public void senderReport(String peerId, SignalMessage.SenderReport report) {
    Optional<Group> group = formation.group(report.groupId());
    if (group.isEmpty() || !group.get().senderId().equals(peerId)) {
      return;
    }
    Group.SenderFigures before = group.get().senderFigures();
    formation.senderReport(
        report.groupId(),
        peerId,
        new Group.SenderFigures(
            report.bytesSent(),
            report.rounds(),
            report.retransmittedBytes(),
            report.nacksReceived()));
    // Reports are running totals per group; the server-wide totals add what is new in each.
    bytesMulticast.add(Math.max(0, report.bytesSent() - before.bytesSent()));
    nacks.add(Math.max(0, report.nacksReceived() - before.nacksReceived()));
    changed.fire(new GroupsChanged());
  }

  /** Payload bytes multicast by all senders since the server started, as they reported. */
  public long bytesMulticast() {
    return bytesMulticast.sum();
  }

  /** NACKs received by all senders since the server started, as they reported. */
  public long nacks() {
    return nacks.sum();
  }

  public void done(String peerId, SignalMessage.Done done) {
    formation.done(done.groupId(), peerId, System.nanoTime()).ifPresent(this::ended);
    changed.fire(new GroupsChanged());
  }

  /** A peer's WebSocket closed: it leaves its groups, and groups it sent for get another sender. */
  public void left(String peerId) {
    ConnectedPeer peer = peers.remove(peerId);
    relays.forget(peerId);
    long now = System.nanoTime();
    formation.gone(peerId, now).forEach(this::ended);
    if (peer == null) {
      trackerRttsNs.remove(peerId);
      return;
    }
    for (Group group : formation.activeGroups()) {
      if (!group.senderId().equals(peerId)) {
        continue;
      }
      List<String> holders =
          peers.values().stream()
              .filter(other -> other.holds().contains(group.infoHash()))
              .map(ConnectedPeer::peerId)
              .toList();
      if (formation.replaceSender(peerId, holders).contains(group)) {
        LOG.info(
            () ->
                "Group "
                    + group.sessionId()
                    + ": sender "
                    + peerId
                    + " left, now "
                    + group.senderId());
        if (group.state() == GroupState.SENDING) {
          sendToSender(group, group.members().stream().map(Member::peerId).toList());
        }
      } else {
        formation.fail(group.sessionId(), now).ifPresent(this::ended);
      }
    }
    // Kept until now, so that the records of the groups it ended still show it.
    trackerRttsNs.remove(peerId);
    changed.fire(new GroupsChanged());
  }

  /** Starts formed groups and ends overdue ones; called a few times a second. */
  public void tick() {
    long now = System.nanoTime();
    promoteRelays(now);
    List<Group> started;
    List<Group> expired;
    synchronized (membership) {
      started = formation.startDue(now);
      expired = formation.expire(now);
      started.forEach(this::assignAll);
      expired.forEach(this::ended);
    }
    if (!started.isEmpty() || !expired.isEmpty()) {
      changed.fire(new GroupsChanged());
    }
  }

  /**
   * Takes over what another instance of the cluster coordinated: its peers (as their hellos said)
   * and its groups, which go on as they were. Nobody is told anything.
   */
  void adopt(List<ConnectedPeer> connected, List<Group> groups) {
    connected.forEach(peer -> peers.put(peer.peerId(), peer));
    groups.forEach(formation::adopt);
    changed.fire(new GroupsChanged());
  }

  /**
   * Names candidate senders again to every leecher not in a group of its torrent: what they were
   * told may have been lost while coordination changed hands.
   */
  void offerCandidatesToWaiting() {
    List<Group> groups = formation.activeGroups();
    for (ConnectedPeer peer : peers.values()) {
      for (InfoHash wanted : peer.wants()) {
        boolean grouped =
            groups.stream()
                .anyMatch(
                    group -> group.infoHash().equals(wanted) && group.hasMember(peer.peerId()));
        if (!grouped) {
          send(peer.peerId(), candidates(wanted, peer.peerId()));
        }
      }
    }
  }

  public List<Group> activeGroups() {
    return formation.activeGroups();
  }

  public Optional<Group> group(long sessionId) {
    return formation.group(sessionId);
  }

  private void assignAll(Group group) {
    for (Member member : group.members()) {
      assign(group, member.peerId());
    }
    sendToSender(group, group.members().stream().map(Member::peerId).toList());
    LOG.info(
        () ->
            String.format(
                "Group %d formed: torrent %s, %s, sender %s, %d members, slowest RTT %d us",
                group.sessionId(),
                group.infoHash(),
                group.address(),
                group.senderId(),
                group.members().size(),
                group.slowestRttNs() / 1_000));
  }

  private void assign(Group group, String peerId) {
    ConnectedPeer sender = peers.get(group.senderId());
    if (sender == null) {
      return;
    }
    send(peerId, GroupMessages.assign(group, sender.endpoint()));
  }

  /**
   * Tells the sender about members. A group-send for a group the sender already serves adds the
   * members it lists, so a late joiner costs one small message, not the whole member list again.
   */
  private void sendToSender(Group group, List<String> memberIds) {
    List<SignalMessage.GroupMember> members =
        group.members().stream()
            .filter(member -> memberIds.contains(member.peerId()))
            .filter(member -> !member.gone() && peers.containsKey(member.peerId()))
            .map(
                member ->
                    new SignalMessage.GroupMember(
                        peers.get(member.peerId()).endpoint(), member.rttNs() / 1_000))
            .toList();
    send(group.senderId(), GroupMessages.send(group, members, settings.rateCeilingBitsPerSecond()));
  }

  private void ended(Group group) {
    SignalMessage.GroupEnd end = GroupMessages.end(group);
    group.members().forEach(member -> send(member.peerId(), end));
    send(group.senderId(), end);
    records.write(group, System.nanoTime(), trackerRttsNs);
    LOG.info(
        () ->
            String.format(
                "Group %d ended %s: %d members, %d done, %d ms sending",
                group.sessionId(),
                group.state(),
                group.members().size(),
                group.members().stream().filter(Member::done).count(),
                group.startedAtNs() == 0
                    ? 0
                    : (group.endedAtNs() - group.startedAtNs()) / 1_000_000));
  }

  private SignalMessage.Candidates candidates(InfoHash infoHash, String forPeer) {
    return new SignalMessage.Candidates(
        infoHash,
        peers.values().stream()
            .filter(peer -> holds(peer.peerId(), infoHash) && !peer.peerId().equals(forPeer))
            .map(ConnectedPeer::endpoint)
            .toList());
  }

  /** Whether the peer can send the torrent's groups: it holds it whole, or relays it. */
  private boolean holds(String peerId, InfoHash infoHash) {
    ConnectedPeer peer = peers.get(peerId);
    return peer != null && (peer.holds().contains(infoHash) || relays.relays(peerId, infoHash));
  }

  private void send(String peerId, SignalMessage message) {
    outbound.fire(new Outbound(peerId, message));
  }
}
