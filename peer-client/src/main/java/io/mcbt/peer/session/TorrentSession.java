package io.mcbt.peer.session;

import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.tracker.Announce;
import io.mcbt.peer.tracker.TrackerClient;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Handshake;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Shares one torrent: listens for peers, connects to the peers the tracker names, downloads what is
 * missing and uploads what is verified. Runs until {@link #close()}, which announces {@code
 * stopped}; a finished download keeps seeding.
 */
public final class TorrentSession implements Closeable {
  /** Client id for BEP 20 style peer ids: {@code -MC0001-} and 12 random bytes. */
  static final String PEER_ID_PREFIX = "-MC0001-";

  static final long TICK_MILLIS = 500;
  private static final int CONNECT_THREADS = 4;

  private final Info info;
  private final PieceState state;
  private final PeerId peerId;
  private final Handshake handshake;
  private final SessionConfig config;
  private final Consumer<String> log;
  private final Swarm swarm;
  private final Announcer announcer;
  private final ServerSocket server;
  private final ExecutorService connector;
  private final ScheduledExecutorService timer;
  private final Set<InetSocketAddress> connecting = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> completion = new CompletableFuture<>();
  private volatile boolean completedNow;
  private volatile boolean announceNow;
  private volatile boolean closed;
  private final AtomicBoolean closing = new AtomicBoolean();

  private TorrentSession(
      Metainfo metainfo,
      PieceTracker tracker,
      TrackerClient trackerClient,
      SessionConfig config,
      Consumer<String> log,
      ServerSocket server) {
    this.info = metainfo.info();
    this.state = tracker.state();
    this.peerId = newPeerId();
    this.handshake = new Handshake(Swarm.RESERVED, metainfo.infoHash(), peerId);
    this.config = config;
    this.log = log;
    this.server = server;
    this.swarm =
        new Swarm(
            tracker,
            handshake,
            InfoDictionary.encode(info, metainfo.infoHash()).orElse(null),
            config.maxPeers(),
            new SecureRandom(),
            System::nanoTime,
            log,
            completion::completeExceptionally,
            () -> completedNow = true);
    this.announcer = new Announcer(metainfo.trackers(), trackerClient, log, System.nanoTime());
    this.connector = Executors.newFixedThreadPool(CONNECT_THREADS, daemons("peer-connect"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemons("session-timer"));
    if (state.isComplete()) {
      completion.complete(null);
    }
  }

  /**
   * Starts sharing: binds the listening socket, then announces {@code started} and connects.
   *
   * @param tracker the torrent's store and the pieces already verified there
   * @throws IOException when the port cannot be bound
   */
  public static TorrentSession start(
      Metainfo metainfo,
      PieceTracker tracker,
      TrackerClient trackerClient,
      SessionConfig config,
      Consumer<String> log)
      throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 50);
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "cannot listen on "
              + config.bindAddress().getHostAddress()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    TorrentSession session =
        new TorrentSession(metainfo, tracker, trackerClient, config, log, server);
    session.run();
    return session;
  }

  private void run() {
    Thread acceptor = daemons("peer-accept").newThread(this::acceptLoop);
    acceptor.start();
    timer.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The TCP port peers reach us on. */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Completes when every piece is verified, at once for a seed; fails when the disk fails. The
   * session keeps seeding after it completes.
   */
  /**
   * Announces at the next tick instead of at the interval's end: the tracker restarted (its
   * WebSocket dropped) and knows no peer until they announce again.
   */
  public void announceSoon() {
    announceNow = true;
  }

  public CompletableFuture<Void> completion() {
    return completion;
  }

  public SessionStats stats() {
    return new SessionStats(
        state.verifiedCount(),
        info.pieceCount(),
        info.totalLength(),
        leftBytes(),
        swarm.downloadedBytes(),
        swarm.uploadedBytes(),
        swarm.peerCount());
  }

  /** Connects to a peer, as if a tracker had named it. */
  public void connect(InetSocketAddress address) {
    if (closed
        || swarm.isConnected(address)
        || swarm.peerCount() + connecting.size() >= config.maxPeers()
        || !connecting.add(address)) {
      return;
    }
    try {
      connector.execute(
          () -> {
            try {
              swarm.register(
                  PeerConnection.connect(
                      config.bindAddress(), address, handshake, config.connectTimeout()));
            } catch (IOException e) {
              // Unreachable peers are common; the tracker will name others.
            } finally {
              connecting.remove(address);
            }
          });
    } catch (RejectedExecutionException e) {
      connecting.remove(address);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.accept("stopped accepting peers: " + e.getMessage());
        }
        return;
      }
      try {
        connector.execute(() -> accept(socket));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket);
      }
    }
  }

  private void accept(Socket socket) {
    if (swarm.peerCount() >= config.maxPeers()) {
      closeQuietly(socket);
      return;
    }
    try {
      swarm.register(PeerConnection.accept(socket, handshake, config.connectTimeout()));
    } catch (IOException e) {
      // Not a peer of this torrent, or gone before the handshake.
    }
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      if (completedNow) {
        completedNow = false;
        announcer.completed();
        completion.complete(null);
      }
      if (announceNow) {
        announceNow = false;
        announcer.soon();
      }
      swarm.tick(now);
      for (PeerEndpoint peer : announcer.announceIfDue(now, this::announce)) {
        connect(new InetSocketAddress(peer.inetAddress(), peer.port()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.accept("session timer: " + e);
    }
  }

  private Announce announce(AnnounceEvent event) {
    return new Announce(
        handshake.infoHash(),
        peerId,
        port(),
        swarm.uploadedBytes(),
        swarm.downloadedBytes(),
        leftBytes(),
        event);
  }

  private long leftBytes() {
    BitSet missing = state.missing();
    long left = 0;
    for (int piece = missing.nextSetBit(0); piece >= 0; piece = missing.nextSetBit(piece + 1)) {
      left += info.pieceSize(piece);
    }
    return left;
  }

  /** Stops every thread and connection, then announces {@code stopped}. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // the shutdown hook and the command may both close
    }
    closed = true;
    closeQuietly(server);
    connector.shutdownNow();
    // Not shutdownNow: a tick announcing "completed" right now should get to finish.
    timer.shutdown();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
      swarm.closeAll();
      announcer.stopped(announce(AnnounceEvent.STOPPED));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static PeerId newPeerId() {
    byte[] id = new byte[PeerId.LENGTH];
    byte[] prefix = PEER_ID_PREFIX.getBytes(StandardCharsets.US_ASCII);
    new SecureRandom().nextBytes(id);
    System.arraycopy(prefix, 0, id, 0, prefix.length);
    return new PeerId(id);
  }

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
