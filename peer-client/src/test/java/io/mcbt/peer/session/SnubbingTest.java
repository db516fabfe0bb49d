package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.testing.TestTorrents;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerWireCodec;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A peer that unchokes us and then sends nothing loses its pipeline after {@code SNUB_NANOS}. */
class SnubbingTest {
  @TempDir Path temp;

  @Test
  @Timeout(20)
  void aSilentPeerKeepsOneRequestAfterThirtySeconds() throws Exception {
    Path source = TestTorrents.randomFile(temp, "data.bin", 20 * 32 * 1024);
    Metainfo metainfo =
        TorrentCreator.of(source)
            .pieceLength(32 * 1024)
            .announce("udp://127.0.0.1:1/announce")
            .create()
            .metainfo();
    Path out = Files.createDirectories(temp.resolve("out"));
    AtomicLong nowNanos = new AtomicLong();
    AtomicInteger requests = new AtomicInteger();
    byte[] id = new byte[20];
    Arrays.fill(id, (byte) 'u');
    PeerId ourId = new PeerId(id);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        FilePieceStore store = FilePieceStore.open(metainfo.info(), out)) {
      Thread silent = new Thread(() -> silentPeer(listener, metainfo, requests));
      silent.setDaemon(true);
      silent.start();
      store.prepareForWriting();
      Swarm swarm =
          new Swarm(
              new PieceTracker(store, new PieceState(metainfo.info().pieceCount())),
              new Handshake(0, metainfo.infoHash(), ourId),
              null,
              5,
              new Random(1),
              nowNanos::get,
              line -> {},
              e -> {},
              () -> {});
      PeerConnection connection =
          PeerConnection.connect(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
              new Handshake(0, metainfo.infoHash(), ourId),
              Duration.ofSeconds(5));
      try {
        assertTrue(swarm.register(connection));
        awaitCount(requests, Downloads.PIPELINE_DEPTH);
        swarm.tick(TimeUnit.SECONDS.toNanos(29));
        Thread.sleep(200);
        assertEquals(Downloads.PIPELINE_DEPTH, requests.get(), "not snubbed yet");
        swarm.tick(TimeUnit.SECONDS.toNanos(31));
        awaitCount(requests, Downloads.PIPELINE_DEPTH + 1);
        Thread.sleep(200);
        assertEquals(Downloads.PIPELINE_DEPTH + 1, requests.get(), "one request at a time");
      } finally {
        swarm.closeAll();
      }
    }
  }

  private static void awaitCount(AtomicInteger count, int wanted) throws InterruptedException {
    for (int i = 0; i < 100 && count.get() < wanted; i++) {
      Thread.sleep(50);
    }
    assertEquals(wanted, count.get());
  }

  /** Sends its bitfield and an unchoke, then only counts the requests it gets. */
  private static void silentPeer(ServerSocket listener, Metainfo metainfo, AtomicInteger requests) {
    try (Socket socket = listener.accept()) {
      InputStream in = socket.getInputStream();
      in.readNBytes(Handshake.LENGTH);
      byte[] id = new byte[20];
      Arrays.fill(id, (byte) 's');
      ByteBuffer frame = ByteBuffer.allocate(1024);
      new Handshake(0, metainfo.infoHash(), new PeerId(id)).encode(frame);
      BitSet all = new BitSet();
      all.set(0, metainfo.info().pieceCount());
      PeerWireCodec.encode(Bitfield.of(metainfo.info().pieceCount(), all), frame);
      PeerWireCodec.encode(PeerMessage.UNCHOKE, frame);
      socket.getOutputStream().write(frame.array(), 0, frame.position());
      Limits limits = Limits.forPieceCount(metainfo.info().pieceCount());
      ByteBuffer input = ByteBuffer.allocate(limits.maxFrameBytes());
      while (true) {
        int read = in.read(input.array(), input.position(), input.remaining());
        if (read < 0) {
          return;
        }
        input.position(input.position() + read).flip();
        for (PeerMessage m = PeerWireCodec.decode(input, limits);
            m != null;
            m = PeerWireCodec.decode(input, limits)) {
          if (m instanceof PeerMessage.Request) {
            requests.incrementAndGet();
          }
        }
        input.compact();
      }
    } catch (Exception e) {
      // closed by the test
    }
  }
}
