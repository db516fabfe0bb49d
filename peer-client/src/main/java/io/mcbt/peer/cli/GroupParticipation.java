package io.mcbt.peer.cli;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.session.TorrentSession;
import io.mcbt.peer.signal.GroupRole;
import io.mcbt.peer.signal.SignalSession;
import io.mcbt.peer.storage.PieceStore;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.transfer.DataPlaneWarmUp;
import io.mcbt.peer.transfer.FeedbackDelay;
import io.mcbt.peer.transfer.MulticastInterfaces;
import io.mcbt.peer.transfer.MulticastReceiver;
import io.mcbt.peer.transfer.MulticastSender;
import io.mcbt.peer.transfer.PieceAvailability;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command's part in multicast groups. As a member it receives the group's multicast into the
 * piece store while the peer wire protocol holds its downloads back, and lets them go when the
 * group's session ends (the peer wire fetches whatever is still missing). As a holder it sends to
 * the groups the tracker gives it. Without a server, a sender or a group, the peer wire does it
 * all; nothing here stops a transfer.
 */
final class GroupParticipation implements AutoCloseable {
  private final Optional<SignalSession> session;
  private final GroupOptions options;
  private final URI server;
  private final InetAddress bind;
  private final PrintWriter out;

  /** A relay fetches this many missing pieces at a time, lowest first. */
  private static final int RELAY_WINDOW_PIECES = 16;

  /** How long a relay that has the whole torrent stays for the groups it sends. */
  private static final Duration RELAY_LINGER = Duration.ofMinutes(10);

  private final Map<Long, MulticastSender> senders = new ConcurrentHashMap<>();
  private final Map<Long, Integer> roundsShown = new ConcurrentHashMap<>();
  private final KnownMembers memberIds = new KnownMembers();
  private Optional<SignalMessage.GroupAssign> group = Optional.empty();
  private MulticastReceiver receiver;
  private volatile boolean relaying;
  private long totalBytes;
  private long lastProgressNs;

  private GroupParticipation(
      Optional<SignalSession> session,
      GroupOptions options,
      URI server,
      InetAddress bind,
      PrintWriter out) {
    this.session = session;
    this.options = options;
    this.server = server;
    this.bind = bind;
    this.out = out;
  }

  static GroupParticipation open(
      GroupOptions options, URI server, InetAddress bind, PrintWriter out) {
    if (options.off) {
      return new GroupParticipation(Optional.empty(), options, server, bind, out);
    }
    String peerId = "peer-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try {
      return new GroupParticipation(
          Optional.of(SignalSession.open(server, peerId, bind, options.controlPort)),
          options,
          server,
          bind,
          out);
    } catch (IOException e) {
      say(out, "no multicast groups: %s%n", e.getMessage());
      return new GroupParticipation(Optional.empty(), options, server, bind, out);
    }
  }

  /**
   * As a leecher: probe, report, wait for a group, and receive its multicast into {@code pieces}.
   */
  void join(Metainfo metainfo, TorrentSession torrent, PieceTracker pieces)
      throws InterruptedException {
    if (session.isEmpty() || pieces.state().isComplete()) {
      return;
    }
    int dataPort = torrent.port();
    session.get().onReconnect(torrent::announceSoon);
    // The peer wire waits for the group: what the group delivers, nobody sends by unicast.
    pieces.state().holdDownloads(true);
    GroupRole role = new GroupRole.None();
    try {
      role =
          session
              .get()
              .joinGroup(
                  metainfo.infoHash(),
                  dataPort,
                  options.groupTimeout(),
                  DataPlaneWarmUp::startInBackground);
    } catch (IOException e) {
      print("no multicast group: %s%n", e.getMessage());
    }
    if (role instanceof GroupRole.Relay) {
      relay(metainfo, pieces);
      return;
    }
    // From now on the socket is watched: if the tracker restarts, this peer announces again.
    session.get().listen(message -> {});
    if (role instanceof GroupRole.Member member) {
      group = Optional.of(member.assign());
    } else {
      pieces.state().holdDownloads(false);
      print("no multicast group within %d s: peer wire only%n", options.groupTimeout().toSeconds());
      return;
    }
    SignalMessage.GroupAssign assign = group.get();
    totalBytes = pieces.store().info().totalLength();
    try {
      NetworkInterface nic = nic();
      receiver =
          MulticastReceiver.start(
              assign.groupId(),
              new InetSocketAddress(assign.address(), assign.port()),
              assign.key(),
              nic,
              bind,
              pieces,
              silence(assign.timers()),
              FeedbackDelay.RANDOM,
              line -> print("%s%n", line));
      print(
          "multicast group %d: %s:%d on %s, sender %s%n",
          assign.groupId(),
          assign.address(),
          assign.port(),
          nic.getName(),
          assign.sender().peerId());
      receiver.outcome().thenAccept(outcome -> received(outcome, pieces));
    } catch (IOException e) {
      pieces.state().holdDownloads(false);
      print("cannot receive multicast group %d: %s; peer wire only%n", assign.groupId(), e);
    }
  }

  private void received(MulticastReceiver.Outcome outcome, PieceTracker pieces) {
    pieces.state().holdDownloads(false);
    MulticastReceiver.Figures figures = receiver.figures();
    print(
        "multicast group %d: %s after %d rounds, %s of blocks, %d repaired, %d datagrams"
            + " dropped, %d NACKs%s%n",
        group.get().groupId(),
        outcome.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        figures.round(),
        ByteSizes.human(figures.blockBytes()),
        figures.repaired(),
        figures.dropped(),
        figures.nacksSent(),
        pieces.state().isComplete() ? "" : "; the peer wire fetches the rest");
  }

  /**
   * Nobody on the signalling channel holds the torrent: this peer fetches it over the peer wire,
   * about in order, and sends the groups the tracker forms around it, each piece once it has it.
   */
  private void relay(Metainfo metainfo, PieceTracker pieces) {
    pieces.state().fetchInOrder(RELAY_WINDOW_PIECES);
    pieces.state().holdDownloads(false);
    relaying = true;
    print(
        "relaying %s: no holder is on the tracker's channel; this peer multicasts each piece to"
            + " its groups once it has it%n",
        metainfo.infoHash());
    PieceAvailability verified = pieces.state()::awaitVerified;
    session.get().listen(message -> onRequest(message, pieces.store(), verified));
  }

  /** A member waits this long without a frame before it leaves the rest to the peer wire. */
  private static Duration silence(SignalMessage.Timers timers) {
    return Duration.ofMillis(Math.max(5_000, 20 * timers.roundTimeoutMillis()));
  }

  /** As a holder: offer to send to groups, and send to those the tracker names. */
  void offer(Metainfo metainfo, TorrentSession torrent, PieceStore store) {
    if (session.isEmpty()) {
      return;
    }
    session.get().onReconnect(torrent::announceSoon);
    DataPlaneWarmUp.startInBackground();
    try {
      session
          .get()
          .offer(
              metainfo.infoHash(),
              torrent.port(),
              message -> onRequest(message, store, PieceAvailability.WHOLE));
    } catch (IOException e) {
      print("not offered as a multicast sender: %s%n", e.getMessage());
    }
  }

  private void onRequest(SignalMessage message, PieceStore store, PieceAvailability availability) {
    if (message instanceof SignalMessage.GroupSend send) {
      int fresh = memberIds.add(send.groupId(), send.members());
      MulticastSender running = senders.get(send.groupId());
      if (running != null) {
        if (fresh > 0) {
          running.addMembers(fresh);
          print("multicast group %d: %d more members%n", send.groupId(), fresh);
        }
        return;
      }
      startSending(send, fresh, store, availability);
    } else if (message instanceof SignalMessage.GroupEnd end) {
      memberIds.forget(end.groupId());
      MulticastSender sender = senders.remove(end.groupId());
      if (sender != null) {
        sender.close();
        report(end.groupId(), sender.figures());
      }
      print("multicast group %d ended: %s%n", end.groupId(), end.outcome());
    }
  }

  private void startSending(
      SignalMessage.GroupSend send, int members, PieceStore store, PieceAvailability availability) {
    try {
      long ceiling = send.rateCeilingBitsPerSecond() / 8;
      if (options.rate != null) {
        ceiling = Math.min(ceiling, ByteSizes.parse(options.rate));
      }
      SignalMessage.Timers timers = send.timers();
      NetworkInterface nic = nic();
      MulticastSender sender =
          MulticastSender.start(
              send.groupId(),
              new InetSocketAddress(send.address(), send.port()),
              send.ttl(),
              send.key(),
              nic,
              bind,
              store,
              availability,
              members,
              options.senderSettings().withRateCeiling(ceiling),
              new MulticastSender.Timers(
                  timers.statusIntervalMillis() * 1_000_000,
                  timers.nackDelayMaxMillis() * 1_000_000,
                  timers.roundTimeoutMillis() * 1_000_000),
              figures -> report(send.groupId(), figures),
              line -> print("%s%n", line));
      senders.put(send.groupId(), sender);
      print(
          "sending to multicast group %d (%s:%d on %s, %d members, %d-byte blocks, at most %s/s)%n",
          send.groupId(),
          send.address(),
          send.port(),
          nic.getName(),
          members,
          sender.blockSize(),
          ByteSizes.human(ceiling));
      long size = store.info().totalLength();
      sender
          .ended()
          .thenAccept(
              reason ->
                  print("%s%n", SenderLines.ended(send.groupId(), reason, sender.figures(), size)));
    } catch (IOException | RuntimeException e) {
      print("cannot send to multicast group %d: %s%n", send.groupId(), e.getMessage());
    }
  }

  private void report(long groupId, MulticastSender.Figures figures) {
    Integer shown = roundsShown.put(groupId, figures.rounds());
    if (figures.rounds() > 0 && (shown == null || shown != figures.rounds())) {
      print("%s%n", SenderLines.round(groupId, figures));
    }
    try {
      session
          .get()
          .senderReport(
              groupId,
              figures.bytesSent(),
              figures.rounds(),
              figures.retransmittedBytes(),
              figures.nacksReceived());
    } catch (IOException e) {
      // the record misses one update; the next one carries the totals
    }
  }

  private NetworkInterface nic() throws IOException {
    return MulticastInterfaces.choose(
        Optional.ofNullable(options.multicastInterface), InetAddress.getByName(server.getHost()));
  }

  /** Verified bytes so far, for the group's view; sent at most every two seconds. */
  void progress(long verifiedBytes) {
    long now = System.nanoTime();
    if (session.isEmpty() || group.isEmpty() || now - lastProgressNs < 2_000_000_000L) {
      return;
    }
    lastProgressNs = now;
    try {
      session.get().progress(group.get().groupId(), verifiedBytes, droppedDatagrams());
    } catch (IOException e) {
      // progress is informative; the transfer goes on, and done is still sent at the end
    }
  }

  private long droppedDatagrams() {
    return receiver == null ? 0 : receiver.figures().dropped();
  }

  /**
   * The download is complete: the group, if any, hears so. A relay stays until the groups it sends
   * are delivered (at most {@link #RELAY_LINGER}): its members count on it.
   */
  void done() {
    if (relaying) {
      awaitSenders();
    }
    if (session.isPresent() && group.isPresent()) {
      try {
        session.get().progress(group.get().groupId(), totalBytes, droppedDatagrams());
        session.get().done(group.get().groupId());
      } catch (IOException e) {
        print("could not tell group %d we are done: %s%n", group.get().groupId(), e.getMessage());
      }
    }
  }

  private void awaitSenders() {
    long deadline = System.nanoTime() + RELAY_LINGER.toNanos();
    for (MulticastSender sender : senders.values()) {
      try {
        sender.ended().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        print("multicast group still running after %d s: leaving it%n", RELAY_LINGER.toSeconds());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void print(String format, Object... arguments) {
    say(out, format, arguments);
  }

  /** Prints a line; senders and receivers print from their own threads. */
  private static void say(PrintWriter out, String format, Object... arguments) {
    synchronized (out) {
      out.printf(format, arguments);
      out.flush();
    }
  }

  @Override
  public void close() {
    senders.values().forEach(MulticastSender::close);
    if (receiver != null) {
      receiver.close();
    }
    session.ifPresent(SignalSession::close);
  }
}
