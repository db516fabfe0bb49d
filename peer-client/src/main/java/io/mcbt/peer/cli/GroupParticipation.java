package io.mcbt.peer.cli;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.signal.SignalSession;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A command's part in multicast groups: it says what it found on the terminal and never stops the
 * transfer, which falls back to the peer wire protocol when there is no group (no server, no
 * sender, or none formed). The multicast data plane itself is not built yet: an assigned member
 * still downloads over the peer wire and reports done to its group.
 */
final class GroupParticipation implements AutoCloseable {
  private final Optional<SignalSession> session;
  private final PrintWriter out;
  private Optional<SignalMessage.GroupAssign> group = Optional.empty();
  private long lastProgressNs;

  private GroupParticipation(Optional<SignalSession> session, PrintWriter out) {
    this.session = session;
    this.out = out;
  }

  static GroupParticipation open(
      GroupOptions options, URI server, InetAddress bind, PrintWriter out) {
    if (options.off) {
      return new GroupParticipation(Optional.empty(), out);
    }
    String peerId = "peer-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try {
      return new GroupParticipation(
          Optional.of(SignalSession.open(server, peerId, bind, options.controlPort)), out);
    } catch (IOException e) {
      out.printf("no multicast groups: %s%n", e.getMessage());
      out.flush();
      return new GroupParticipation(Optional.empty(), out);
    }
  }

  /** As a leecher: probe, report, and wait for a group (printing what came of it). */
  void join(Metainfo metainfo, int dataPort, GroupOptions options) throws InterruptedException {
    if (session.isEmpty()) {
      return;
    }
    try {
      group = session.get().joinGroup(metainfo.infoHash(), dataPort, options.groupTimeout());
    } catch (IOException e) {
      out.printf("no multicast group: %s%n", e.getMessage());
    }
    group.ifPresentOrElse(
        assign ->
            out.printf(
                "multicast group %d: %s:%d ttl %d, sender %s (RTT-matched); data over the peer"
                    + " wire until the multicast data plane is in%n",
                assign.groupId(),
                assign.address(),
                assign.port(),
                assign.ttl(),
                assign.sender().peerId()),
        () ->
            out.printf(
                "no multicast group within %d s: peer wire only%n",
                options.groupTimeout().toSeconds()));
    out.flush();
  }

  /** As a holder: offer to send to groups, printing each request of the tracker. */
  void offer(Metainfo metainfo, int dataPort) {
    if (session.isEmpty()) {
      return;
    }
    try {
      session.get().offer(metainfo.infoHash(), dataPort, this::report);
    } catch (IOException e) {
      out.printf("not offered as a multicast sender: %s%n", e.getMessage());
      out.flush();
    }
  }

  /** Verified bytes so far, for the group's view; sent at most every two seconds. */
  void progress(long verifiedBytes) {
    long now = System.nanoTime();
    if (session.isEmpty() || group.isEmpty() || now - lastProgressNs < 2_000_000_000L) {
      return;
    }
    lastProgressNs = now;
    try {
      session.get().progress(group.get().groupId(), verifiedBytes);
    } catch (IOException e) {
      // progress is informative; the transfer goes on, and done is still sent at the end
    }
  }

  /** The download is complete: the group, if any, hears so. */
  void done() {
    if (session.isPresent() && group.isPresent()) {
      try {
        session.get().done(group.get().groupId());
      } catch (IOException e) {
        out.printf(
            "could not tell group %d we are done: %s%n", group.get().groupId(), e.getMessage());
        out.flush();
      }
    }
  }

  private void report(SignalMessage message) {
    synchronized (out) {
      if (message instanceof SignalMessage.GroupSend send) {
        out.printf(
            "asked to send to multicast group %d (%s:%d, %d new members): the multicast sender is"
                + " not built yet; members use the peer wire%n",
            send.groupId(), send.address(), send.port(), send.members().size());
      } else if (message instanceof SignalMessage.GroupEnd end) {
        out.printf("multicast group %d ended: %s%n", end.groupId(), end.outcome());
      }
      out.flush();
    }
  }

  @Override
  public void close() {
    session.ifPresent(SignalSession::close);
  }
}
