package io.mcbt.peer.wire;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerWireCodec;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One TCP connection to a peer after a successful handshake. A reader thread decodes messages into
 * one reused buffer and hands them to the {@link Listener}; a writer thread drains a queue, so
 * {@link #send} never blocks, and sends a keep-alive when the queue has been idle for {@link
 * #KEEP_ALIVE_INTERVAL}.
 */
public final class PeerConnection implements Closeable {
  /** BEP 3: peers drop a connection silent for two minutes; a keep-alive every minute is safe. */
  public static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(60);

  /** A peer silent for this long (no keep-alive either) is gone. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(150);

  /** What the connection reports, always from its reader thread. */
  public interface Listener {
    /**
     * A message arrived. A {@link PeerMessage.Piece} aliases the receive buffer and is only valid
     * during this call.
     */
    void onMessage(PeerConnection connection, PeerMessage message);

    /** The connection is closed, by either side; {@code cause} is null after {@link #close}. */
    void onClosed(PeerConnection connection, Exception cause);
  }

  private static final Object POISON = new Object();

  private final Socket socket;
  private final Handshake remote;
  private final InetSocketAddress address;
  private final boolean outgoing;
  private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Exception failure;

  private PeerConnection(Socket socket, Handshake remote, boolean outgoing) throws IOException {
    // Requests are 17 bytes: Nagle would hold each one back until the last was acknowledged.
    socket.setTcpNoDelay(true);
    this.socket = socket;
    this.remote = remote;
    this.outgoing = outgoing;
    this.address = (InetSocketAddress) socket.getRemoteSocketAddress();
  }

  /**
   * Connects to {@code address} and exchanges handshakes: ours first, then theirs, which must name
   * the same torrent.
   */
  public static PeerConnection connect(
      InetSocketAddress address, Handshake ours, Duration connectTimeout) throws IOException {
    return connect(null, address, ours, connectTimeout);
  }

  /**
   * Like {@link #connect(InetSocketAddress, Handshake, Duration)}, from {@code localAddress} unless
   * it is null or the wildcard address.
   */
  public static PeerConnection connect(
      InetAddress localAddress, InetSocketAddress address, Handshake ours, Duration connectTimeout)
      throws IOException {
    Socket socket = new Socket();
    try {
      if (localAddress != null && !localAddress.isAnyLocalAddress()) {
        socket.bind(new InetSocketAddress(localAddress, 0));
      }
      socket.connect(address, (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) connectTimeout.toMillis());
      write(socket, ours);
      Handshake theirs = readHandshake(socket.getInputStream());
      checkTorrent(theirs, ours.infoHash());
      return new PeerConnection(socket, theirs, true);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Completes a connection a peer opened to us: reads its handshake, which must name {@code ours}'s
   * torrent, then answers with ours.
   */
  public static PeerConnection accept(Socket socket, Handshake ours, Duration timeout)
      throws IOException {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      Handshake theirs = readHandshake(socket.getInputStream());
      checkTorrent(theirs, ours.infoHash());
      write(socket, ours);
      return new PeerConnection(socket, theirs, false);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Starts the reader and writer threads; messages arrive at {@code listener} from then on. */
  public void start(Listener listener, Limits limits) {
    String name = "peer " + address;
    Thread reader = new Thread(() -> readLoop(listener, limits), name + " reader");
    Thread writer = new Thread(this::writeLoop, name + " writer");
    reader.setDaemon(true);
    writer.setDaemon(true);
    writer.start();
    reader.start();
  }

  /** The handshake the peer sent. */
  public Handshake remote() {
    return remote;
  }

  /** Whether we opened the connection. */
  public boolean outgoing() {
    return outgoing;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** Queues {@code message}; messages leave in the order sent. Ignored once closed. */
  public void send(PeerMessage message) {
    if (!closed.get()) {
      outbox.add(message);
    }
  }

  /**
   * Queues a message that is made only when its turn to be written comes, so that a long queue of
   * answers holds requests rather than blocks. A null from {@code message} sends nothing.
   */
  public void sendLater(Supplier<PeerMessage> message) {
    if (!closed.get()) {
      outbox.add(message);
    }
  }

  /** Messages queued and not yet written. */
  public int queued() {
    return outbox.size();
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    fail(null);
  }

  private void fail(Exception cause) {
    if (closed.compareAndSet(false, true)) {
      failure = cause;
      outbox.clear();
      outbox.add(POISON);
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void readLoop(Listener listener, Limits limits) {
    ByteBuffer buffer = ByteBuffer.allocate(limits.maxFrameBytes());
    try {
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      InputStream in = socket.getInputStream();
      while (!closed.get()) {
        int read = in.read(buffer.array(), buffer.position(), buffer.remaining());
        if (read < 0) {
          throw new EOFException("the peer closed the connection");
        }
        buffer.position(buffer.position() + read).flip();
        for (PeerMessage m = PeerWireCodec.decode(buffer, limits);
            m != null && !closed.get();
            m = PeerWireCodec.decode(buffer, limits)) {
          listener.onMessage(this, m);
        }
        buffer.compact();
      }
    } catch (IOException | MalformedMessageException | RuntimeException e) {
      fail(e);
    }
    listener.onClosed(this, failure);
  }

  private void writeLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      OutputStream out = socket.getOutputStream();
      while (!closed.get()) {
        Object item = outbox.poll(KEEP_ALIVE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (closed.get() || item == POISON) {
          return;
        }
        PeerMessage message = message(item);
        if (message == null) {
          continue;
        }
        int length = PeerWireCodec.encodedLength(message);
        if (buffer.capacity() < length) {
          buffer = ByteBuffer.allocate(length);
        }
        buffer.clear();
        PeerWireCodec.encode(message, buffer);
        out.write(buffer.array(), 0, buffer.position());
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    } catch (InterruptedException e) {
      fail(e);
      Thread.currentThread().interrupt();
    }
  }

  /** A queued item as a message: null (idle) is a keep-alive, a supplier is called. */
  private static PeerMessage message(Object item) {
    if (item == null) {
      return PeerMessage.KEEP_ALIVE;
    }
    if (item instanceof PeerMessage message) {
      return message;
    }
    @SuppressWarnings("unchecked")
    Supplier<PeerMessage> later = (Supplier<PeerMessage>) item;
    return later.get();
  }

  private static void write(Socket socket, Handshake handshake) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(Handshake.LENGTH);
    handshake.encode(bytes);
    socket.getOutputStream().write(bytes.array());
  }

  private static Handshake readHandshake(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(Handshake.LENGTH);
    try {
      Handshake handshake = Handshake.decode(ByteBuffer.wrap(bytes));
      if (handshake == null) {
        throw new EOFException("the peer closed the connection during the handshake");
      }
      return handshake;
    } catch (MalformedMessageException e) {
      throw new IOException("not a BitTorrent peer: " + e.getMessage(), e);
    }
  }

  private static void checkTorrent(Handshake theirs, InfoHash wanted) throws IOException {
    if (!theirs.infoHash().equals(wanted)) {
      throw new IOException("the peer offers another torrent, " + theirs.infoHash());
    }
  }

  @Override
  public String toString() {
    return "PeerConnection[" + address + "]";
  }
}
