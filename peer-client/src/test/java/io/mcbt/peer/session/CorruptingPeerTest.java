package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.testing.TestTorrents;
import io.mcbt.peer.tracker.TrackerClient;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerWireCodec;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written peer that sends garbage for piece 0 the first time: the session must drop that
 * piece after the hash check, ask for it again and still finish with the right bytes.
 */
class CorruptingPeerTest {
  private static final int PIECE_BYTES = 32 * 1024;

  @TempDir Path temp;

  @Test
  @Timeout(30)
  void aPieceThatFailsItsHashIsFetchedAgain() throws Exception {
    Path source = TestTorrents.randomFile(temp, "data.bin", 5 * PIECE_BYTES + 1000);
    byte[] data = Files.readAllBytes(source);
    Metainfo metainfo =
        TorrentCreator.of(source)
            .pieceLength(PIECE_BYTES)
            .announce("udp://127.0.0.1:1/announce") // no HTTP tracker: we connect by hand
            .create()
            .metainfo();
    Path out = Files.createDirectories(temp.resolve("out"));
    CopyOnWriteArrayList<PeerMessage.Request> requests = new CopyOnWriteArrayList<>();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        FilePieceStore store = FilePieceStore.open(metainfo.info(), out)) {
      Thread peer = new Thread(() -> serve(listener, metainfo, data, requests), "corrupting peer");
      peer.setDaemon(true);
      peer.start();
      store.prepareForWriting();
      PieceTracker tracker = new PieceTracker(store, new PieceState(metainfo.info().pieceCount()));
      try (TorrentSession session =
          TorrentSession.start(
              metainfo,
              tracker,
              new TrackerClient(Duration.ofSeconds(1), "test"),
              SessionConfig.of(InetAddress.getLoopbackAddress(), 0),
              line -> {})) {
        session.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
        session.completion().get(20, TimeUnit.SECONDS);
      }
    }
    assertArrayEquals(data, Files.readAllBytes(out.resolve("data.bin")));
    long piece0Requests = requests.stream().filter(r -> r.index() == 0).count();
    assertEquals(4, piece0Requests, "two 16 KiB blocks, each asked for twice: " + requests);
  }

  private static void serve(
      ServerSocket listener,
      Metainfo metainfo,
      byte[] data,
      CopyOnWriteArrayList<PeerMessage.Request> requests) {
    try (Socket socket = listener.accept()) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      in.readNBytes(Handshake.LENGTH);
      byte[] id = new byte[20];
      Arrays.fill(id, (byte) 'z');
      ByteBuffer frame = ByteBuffer.allocate(64 * 1024);
      new Handshake(0, metainfo.infoHash(), new PeerId(id)).encode(frame);
      BitSet all = new BitSet();
      all.set(0, metainfo.info().pieceCount());
      PeerWireCodec.encode(Bitfield.of(metainfo.info().pieceCount(), all), frame);
      PeerWireCodec.encode(PeerMessage.UNCHOKE, frame);
      out.write(frame.array(), 0, frame.position());
      Limits limits = Limits.forPieceCount(metainfo.info().pieceCount());
      ByteBuffer input = ByteBuffer.allocate(limits.maxFrameBytes());
      boolean corrupted = false;
      while (true) {
        int read = in.read(input.array(), input.position(), input.remaining());
        if (read < 0) {
          return;
        }
        input.position(input.position() + read).flip();
        for (PeerMessage m = PeerWireCodec.decode(input, limits);
            m != null;
            m = PeerWireCodec.decode(input, limits)) {
          if (m instanceof PeerMessage.Request request) {
            requests.add(request);
            byte[] block = new byte[request.length()];
            int from = request.index() * PIECE_BYTES + request.begin();
            System.arraycopy(data, from, block, 0, block.length);
            if (request.index() == 0 && request.begin() == 0 && !corrupted) {
              corrupted = true;
              block[7] ^= 1;
            }
            frame.clear();
            PeerWireCodec.encode(
                PeerMessage.Piece.of(request.index(), request.begin(), block), frame);
            out.write(frame.array(), 0, frame.position());
          }
        }
        input.compact();
      }
    } catch (Exception e) {
      // the session closed the connection: the test is over
    }
  }
}
