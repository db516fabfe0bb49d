package io.mcbt.peer.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PeerConnectionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Limits LIMITS = Limits.forPieceCount(100);

  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  private static Handshake handshake(int hashByte, int idByte) {
    byte[] hash = new byte[20];
    byte[] id = new byte[20];
    Arrays.fill(hash, (byte) hashByte);
    Arrays.fill(id, (byte) idByte);
    return new Handshake(0, new InfoHash(hash), new PeerId(id));
  }

  private CompletableFuture<PeerConnection> acceptAsync(Handshake ours) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return PeerConnection.accept(server.accept(), ours, TIMEOUT);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /** Collects what a connection reports. */
  static final class Recorder implements PeerConnection.Listener {
    final BlockingQueue<PeerMessage> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Exception> closed = new CompletableFuture<>();

    @Override
    public void onMessage(PeerConnection connection, PeerMessage message) {
      messages.add(message instanceof PeerMessage.Piece piece ? piece.copy() : message);
    }

    @Override
    public void onClosed(PeerConnection connection, Exception cause) {
      closed.complete(cause);
    }
  }

  @Test
  void handshakesBothWaysThenExchangesMessages() throws Exception {
    CompletableFuture<PeerConnection> accepted = acceptAsync(handshake(1, 'a'));
    try (PeerConnection out = PeerConnection.connect(address(), handshake(1, 'b'), TIMEOUT);
        PeerConnection in = accepted.get(5, TimeUnit.SECONDS)) {
      assertEquals(handshake(1, 'a').peerId(), out.remote().peerId());
      assertEquals(handshake(1, 'b').peerId(), in.remote().peerId());
      assertTrue(out.outgoing());
      Recorder outEvents = new Recorder();
      Recorder inEvents = new Recorder();
      out.start(outEvents, LIMITS);
      in.start(inEvents, LIMITS);
      out.send(new PeerMessage.Have(3));
      out.send(PeerMessage.Piece.of(1, 0, new byte[] {1, 2, 3}));
      in.send(PeerMessage.UNCHOKE);
      assertEquals(new PeerMessage.Have(3), inEvents.messages.poll(5, TimeUnit.SECONDS));
      assertEquals(
          PeerMessage.Piece.of(1, 0, new byte[] {1, 2, 3}),
          inEvents.messages.poll(5, TimeUnit.SECONDS));
      assertEquals(PeerMessage.UNCHOKE, outEvents.messages.poll(5, TimeUnit.SECONDS));
      PeerConnection first = out; // closed before the try ends, to see both sides report it
      first.close();
      assertEquals(null, outEvents.closed.get(5, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, inEvents.closed.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aPeerOfAnotherTorrentIsRefused() {
    CompletableFuture<PeerConnection> accepted = acceptAsync(handshake(1, 'a'));
    assertThrows(
        IOException.class, () -> PeerConnection.connect(address(), handshake(2, 'b'), TIMEOUT));
    Exception e = assertThrows(java.util.concurrent.CompletionException.class, accepted::join);
    e = (Exception) e.getCause();
    assertTrue(e instanceof java.io.UncheckedIOException, String.valueOf(e));
    assertTrue(e.getMessage().contains("another torrent"), e.getMessage());
  }

  @Test
  void aMalformedMessageDropsThePeer() throws Exception {
    CompletableFuture<PeerConnection> accepted = acceptAsync(handshake(1, 'a'));
    try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      ByteBuffer hello = ByteBuffer.allocate(Handshake.LENGTH);
      handshake(1, 'b').encode(hello);
      raw.getOutputStream().write(hello.array());
      raw.getInputStream().readNBytes(Handshake.LENGTH);
      try (PeerConnection in = accepted.get(5, TimeUnit.SECONDS)) {
        Recorder events = new Recorder();
        in.start(events, LIMITS);
        raw.getOutputStream().write(new byte[] {0x7f, 0, 0, 0, 7}); // 2 GiB "piece"
        assertInstanceOf(MalformedMessageException.class, events.closed.get(5, TimeUnit.SECONDS));
        assertTrue(in.isClosed());
      }
    }
  }
}
