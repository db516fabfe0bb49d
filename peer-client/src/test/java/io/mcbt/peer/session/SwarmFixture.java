package io.mcbt.peer.session;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import io.mcbt.peer.testing.TestTorrents;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** A swarm over a small torrent, as a seed or as a leecher with nothing, on a fake clock. */
final class SwarmFixture implements AutoCloseable {
  static final int PIECE_BYTES = 32 * 1024;
  static final int PIECES = 12;

  final Metainfo metainfo;
  final Handshake ours;
  final AtomicLong nowNanos = new AtomicLong();
  final Swarm swarm;
  final byte[] data;
  private final FilePieceStore store;

  private SwarmFixture(Path temp, boolean seed, byte[] infoBytes) throws Exception {
    Path source = TestTorrents.randomFile(temp, "data.bin", PIECES * PIECE_BYTES - 100);
    data = Files.readAllBytes(source);
    metainfo =
        TorrentCreator.of(source)
            .pieceLength(PIECE_BYTES)
            .announce("udp://127.0.0.1:1/announce")
            .create()
            .metainfo();
    byte[] id = new byte[PeerId.LENGTH];
    Arrays.fill(id, (byte) 'u');
    ours = new Handshake(Swarm.RESERVED, metainfo.infoHash(), new PeerId(id));
    Path folder = seed ? temp : Files.createDirectories(temp.resolve("out"));
    store = FilePieceStore.open(metainfo.info(), folder);
    PieceState state =
        seed
            ? ResumeCheck.run(store, 1, bytes -> {}).pieces()
            : new PieceState(metainfo.info().pieceCount());
    store.prepareForWriting();
    swarm =
        new Swarm(
            new PieceTracker(store, state),
            ours,
            infoBytes,
            5,
            new Random(1),
            nowNanos::get,
            line -> System.err.println("swarm: " + line),
            e -> {},
            () -> {});
  }

  static SwarmFixture seed(Path temp) throws Exception {
    return new SwarmFixture(temp, true, null);
  }

  static SwarmFixture leecher(Path temp) throws Exception {
    return new SwarmFixture(temp, false, null);
  }

  /** A seed that serves {@code infoBytes} as its metadata. */
  static SwarmFixture seedServing(Path temp, byte[] infoBytes) throws Exception {
    return new SwarmFixture(temp, true, infoBytes);
  }

  /** Dials {@code peer} and registers the connection. */
  void connect(InetSocketAddress peer) throws Exception {
    if (!swarm.register(PeerConnection.connect(peer, ours, Duration.ofSeconds(5)))) {
      throw new AssertionError("not registered");
    }
  }

  @Override
  public void close() throws IOException {
    swarm.closeAll();
    store.close();
  }
}
