package io.mcbt.peer.session;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerWireCodec;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A hand-driven remote peer on loopback: the session dials it, it answers the handshake with the
 * reserved bits it was given, records every message it receives (pieces copied) and sends what the
 * test tells it to.
 */
final class ScriptedPeer implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ServerSocket listener;
  private final List<PeerMessage> received = new CopyOnWriteArrayList<>();
  private volatile Socket socket;
  private volatile boolean closedByRemote;

  ScriptedPeer(InfoHash infoHash, long reserved) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    byte[] id = new byte[PeerId.LENGTH];
    Arrays.fill(id, (byte) 's');
    id[PeerId.LENGTH - 1] = (byte) COUNT.incrementAndGet(); // distinct, or the swarm sees twins
    Handshake ours = new Handshake(reserved, infoHash, new PeerId(id));
    Thread thread = new Thread(() -> run(ours), "scripted peer");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  private void run(Handshake ours) {
    try {
      Socket accepted = listener.accept();
      InputStream in = accepted.getInputStream();
      in.readNBytes(Handshake.LENGTH);
      ByteBuffer frame = ByteBuffer.allocate(Handshake.LENGTH);
      ours.encode(frame);
      accepted.getOutputStream().write(frame.array());
      socket = accepted;
      Limits limits = new Limits(16 * 1024, 1 << 16, 1 << 20);
      ByteBuffer input = ByteBuffer.allocate(limits.maxFrameBytes());
      while (true) {
        int read = in.read(input.array(), input.position(), input.remaining());
        if (read < 0) {
          closedByRemote = true;
          return;
        }
        input.position(input.position() + read).flip();
        for (PeerMessage m = PeerWireCodec.decode(input, limits);
            m != null;
            m = PeerWireCodec.decode(input, limits)) {
          received.add(m instanceof PeerMessage.Piece piece ? piece.copy() : m);
        }
        input.compact();
      }
    } catch (Exception e) {
      closedByRemote = true; // closed by either side
    }
  }

  synchronized void send(PeerMessage... messages) throws IOException {
    awaitConnected();
    int length = 0;
    for (PeerMessage m : messages) {
      length += PeerWireCodec.encodedLength(m);
    }
    ByteBuffer frame = ByteBuffer.allocate(length);
    for (PeerMessage m : messages) {
      PeerWireCodec.encode(m, frame);
    }
    socket.getOutputStream().write(frame.array());
  }

  private void awaitConnected() throws IOException {
    for (int i = 0; i < 200 && socket == null; i++) {
      sleep(25);
    }
    if (socket == null) {
      throw new IOException("the session never connected");
    }
  }

  List<PeerMessage> received() {
    return List.copyOf(received);
  }

  /** The first message received so far that matches, waiting up to five seconds for it. */
  <T extends PeerMessage> T await(Class<T> type, Predicate<T> matching) {
    for (int i = 0; i < 200; i++) {
      for (PeerMessage m : received) {
        if (type.isInstance(m) && matching.test(type.cast(m))) {
          return type.cast(m);
        }
      }
      sleep(25);
    }
    throw new AssertionError("no such " + type.getSimpleName() + " in " + received);
  }

  <T extends PeerMessage> T await(Class<T> type) {
    return await(type, m -> true);
  }

  /** Waits a moment so that messages in flight arrive, then returns what matches. */
  <T extends PeerMessage> List<T> settledAll(Class<T> type) {
    sleep(300);
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  boolean awaitClosedByRemote() {
    for (int i = 0; i < 200 && !closedByRemote; i++) {
      sleep(25);
    }
    return closedByRemote;
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    Socket open = socket;
    if (open != null) {
      open.close();
    }
  }
}
