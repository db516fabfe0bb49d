package io.mcbt.peer.signal;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A peer's presence on the tracker's signalling channel while it shares a torrent: its control port
 * answers RTT probes, and its WebSocket stays open (closing it tells the tracker the peer left). A
 * leecher asks for a group; a holder offers itself as a sender.
 */
public final class SignalSession implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final String peerId;
  private final EchoResponder control;
  private final URI server;
  private volatile TrackerSocket socket;
  private volatile SignalMessage.Hello offered;
  private volatile Runnable reconnected = () -> {};
  private volatile boolean closed;
  private Thread listener;

  private SignalSession(URI server, String peerId, EchoResponder control, TrackerSocket socket) {
    this.server = server;
    this.peerId = peerId;
    this.control = control;
    this.socket = socket;
  }

  /** Opens the control port on {@code bind} ({@code controlPort} 0: any) and the WebSocket. */
  public static SignalSession open(URI server, String peerId, InetAddress bind, int controlPort)
      throws IOException {
    EchoResponder control = EchoResponder.start(new InetSocketAddress(bind, controlPort));
    try {
      return new SignalSession(
          server, peerId, control, TrackerSocket.connect(server, CONNECT_TIMEOUT));
    } catch (IOException e) {
      control.close();
      throw e;
    }
  }

  public int controlPort() throws IOException {
    return control.port();
  }

  /**
   * Probes the candidate senders and waits for a group, or for the tracker to make this peer the
   * torrent's relay.
   */
  public GroupRole joinGroup(InfoHash torrent, int dataPort, Duration timeout)
      throws IOException, InterruptedException {
    return joinGroup(torrent, dataPort, timeout, () -> {});
  }

  /** As above, running {@code whileForming} once the probes are reported. */
  public GroupRole joinGroup(
      InfoHash torrent, int dataPort, Duration timeout, Runnable whileForming)
      throws IOException, InterruptedException {
    offered = GroupJoiner.hello(peerId, torrent, dataPort, control.port());
    // Twelve probes over about a second: the minimum then sees past a busy spell of either host's
    // scheduler, which otherwise puts LAN neighbours in different RTT bands. Over a fifth of a
    // second, sixteen leechers starting at once on two cores measured up to 484 ms, and one got a
    // group (and a whole pass of the torrent) of its own.
    return new GroupJoiner(socket, new RttProber(12, Duration.ofMillis(80), Duration.ofSeconds(1)))
        .onReported(whileForming)
        .role(offered, timeout);
  }

  /**
   * Offers this peer as a sender of {@code torrent}; what the tracker then asks of it goes to
   * {@code requests}, from a background thread.
   */
  public void offer(InfoHash torrent, int dataPort, Consumer<SignalMessage> requests)
      throws IOException {
    offered =
        new SignalMessage.Hello(
            peerId, List.of(), List.of(torrent), dataPort, control.port(), true);
    socket.send(offered);
    listen(requests);
  }

  /**
   * Runs {@code action} each time the session reconnects after the tracker went away (a restart
   * forgets every peer: the caller announces again so the tracker knows it).
   */
  public void onReconnect(Runnable action) {
    reconnected = action;
  }

  /**
   * Hands what the tracker sends from now on (group-send, group-end) to {@code messages}, from a
   * background thread.
   */
  public synchronized void listen(Consumer<SignalMessage> messages) {
    if (listener != null) {
      return;
    }
    listener =
        new Thread(
            () -> {
              try {
                while (!closed && !Thread.currentThread().isInterrupted()) {
                  TrackerSocket current = socket;
                  current.next(Duration.ofSeconds(1)).ifPresent(messages);
                  if (!current.isOpen() && !closed) {
                    reconnect();
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "signal-listener");
    listener.setDaemon(true);
    listener.start();
  }

  /**
   * Opens the WebSocket again, waiting longer after each failure (1 s doubling to 30 s), and says
   * hello again as it did before: the tracker on the other end (restarted, or another instance of a
   * cluster) takes nothing from this peer before that.
   */
  private void reconnect() throws InterruptedException {
    long waitMillis = 1_000;
    while (!closed) {
      Thread.sleep(waitMillis);
      try {
        TrackerSocket fresh = TrackerSocket.connect(server, CONNECT_TIMEOUT);
        socket = fresh;
        reconnected.run();
        if (offered != null) {
          // The tracker accepts a hello once this peer announced again: give it the time.
          Thread.sleep(2_000);
          fresh.send(offered);
        }
        return;
      } catch (IOException e) {
        waitMillis = Math.min(30_000, waitMillis * 2);
      }
    }
  }

  public void progress(long groupId, long bytesDone, long droppedDatagrams) throws IOException {
    socket.send(new SignalMessage.Progress(groupId, bytesDone, droppedDatagrams));
  }

  /** As a sender: what this group's session has cost so far. */
  public void senderReport(
      long groupId, long bytesSent, int rounds, long retransmittedBytes, long nacksReceived)
      throws IOException {
    socket.send(
        new SignalMessage.SenderReport(
            groupId, bytesSent, rounds, retransmittedBytes, nacksReceived));
  }

  public void done(long groupId) throws IOException {
    socket.send(new SignalMessage.Done(groupId));
  }

  @Override
  public void close() {
    closed = true;
    if (listener != null) {
      listener.interrupt();
    }
    socket.close();
    try {
      control.close();
    } catch (IOException e) {
      // closing a UDP socket that is going away anyway
    }
  }
}
