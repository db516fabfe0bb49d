package io.mcbt.peer.signal;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A leecher's way into a multicast group: hello, probe each candidate sender, report, and wait for
 * the assignment. Empty when no group comes in time (no sender, or none formed): the caller then
 * downloads over the peer wire protocol instead.
 */
public final class GroupJoiner {
  private final SignalChannel socket;
  private final RttProber prober;
  private Runnable reported = () -> {};

  public GroupJoiner(SignalChannel socket, RttProber prober) {
    this.socket = socket;
    this.prober = prober;
  }

  /**
   * Runs {@code action} once the RTT report is sent, while the tracker forms the group: time a
   * leecher can spend without disturbing its probes.
   */
  public GroupJoiner onReported(Runnable action) {
    this.reported = action;
    return this;
  }

  public Optional<SignalMessage.GroupAssign> join(
      String peerId, InfoHash torrent, int dataPort, int controlPort, Duration timeout)
      throws IOException, InterruptedException {
    return role(hello(peerId, torrent, dataPort, controlPort), timeout)
            instanceof GroupRole.Member m
        ? Optional.of(m.assign())
        : Optional.empty();
  }

  static SignalMessage.Hello hello(String peerId, InfoHash torrent, int dataPort, int controlPort) {
    return new SignalMessage.Hello(
        peerId, List.of(torrent), List.of(), dataPort, controlPort, true);
  }

  /** Says {@code hello} and plays the part the tracker gives: member of a group, or relay. */
  GroupRole role(SignalMessage.Hello hello, Duration timeout)
      throws IOException, InterruptedException {
    InfoHash torrent = hello.wants().get(0);
    socket.send(hello);
    Instant deadline = Instant.now().plus(timeout);
    boolean reported = false;
    while (Instant.now().isBefore(deadline)) {
      Optional<SignalMessage> message = socket.next(Duration.between(Instant.now(), deadline));
      if (message.isEmpty()) {
        break;
      }
      if (message.get() instanceof SignalMessage.Candidates candidates
          && candidates.infoHash().equals(torrent)
          && !reported
          && !candidates.senders().isEmpty()) {
        socket.send(new SignalMessage.RttReport(torrent, probe(candidates.senders())));
        reported = true;
        this.reported.run();
      } else if (message.get() instanceof SignalMessage.GroupAssign assign
          && assign.infoHash().equals(torrent)) {
        return new GroupRole.Member(assign);
      } else if (message.get() instanceof SignalMessage.Relay relay
          && relay.infoHash().equals(torrent)) {
        return new GroupRole.Relay(torrent);
      } else if (message.get() instanceof SignalMessage.ErrorMessage error) {
        throw new IOException("the tracker refused: " + error.reason());
      }
    }
    return new GroupRole.None();
  }

  private List<SignalMessage.Probe> probe(List<SignalMessage.Endpoint> senders) throws IOException {
    List<SignalMessage.Probe> probes = new ArrayList<>();
    for (SignalMessage.Endpoint sender : senders) {
      Optional<RttProber.Result> result =
          prober.probe(new InetSocketAddress(sender.host(), sender.controlPort()));
      result.ifPresent(
          rtt ->
              probes.add(
                  new SignalMessage.Probe(
                      sender.peerId(), rtt.minRttNs() / 1_000, rtt.medianRttNs() / 1_000)));
    }
    return probes;
  }
}
