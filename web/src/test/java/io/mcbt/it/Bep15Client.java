package io.mcbt.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A UDP tracker client written from BEP 15 for tests, independent of the server's codec: it sends
 * packets and returns the raw replies.
 */
final class Bep15Client implements AutoCloseable {
  static final long PROTOCOL_ID = 0x41727101980L;
  private final DatagramChannel channel;
  private final InetSocketAddress tracker;

  Bep15Client(int port) throws IOException {
    channel =
        DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    channel.socket().setSoTimeout(5_000);
    tracker = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** Sends {@code packet} and waits for one reply. */
  ByteBuffer exchange(ByteBuffer packet) throws IOException {
    channel.send(packet.flip(), tracker);
    ByteBuffer reply = ByteBuffer.allocate(4096);
    channel.socket().receive(new java.net.DatagramPacket(reply.array(), reply.capacity()));
    return reply;
  }

  /** Sends {@code packet} and reports whether any reply came within a second. */
  boolean anyReplyTo(ByteBuffer packet) throws IOException {
    channel.send(packet.flip(), tracker);
    channel.socket().setSoTimeout(1_000);
    try {
      channel.socket().receive(new java.net.DatagramPacket(new byte[4096], 4096));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      channel.socket().setSoTimeout(5_000);
    }
  }

  long connect() throws IOException {
    int transaction = ThreadLocalRandom.current().nextInt();
    ByteBuffer reply =
        exchange(ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(transaction));
    if (reply.getInt(0) != 0 || reply.getInt(4) != transaction) {
      throw new IOException("not a connect reply");
    }
    return reply.getLong(8);
  }

  static ByteBuffer announce(
      long connectionId,
      int transaction,
      byte[] infoHash,
      byte[] peerId,
      long left,
      int event,
      int port) {
    return ByteBuffer.allocate(98)
        .putLong(connectionId)
        .putInt(1)
        .putInt(transaction)
        .put(infoHash)
        .put(peerId)
        .putLong(0)
        .putLong(left)
        .putLong(0)
        .putInt(event)
        .putInt(0)
        .putInt(0)
        .putInt(-1)
        .putShort((short) port);
  }

  static ByteBuffer scrape(long connectionId, int transaction, byte[]... infoHashes) {
    ByteBuffer packet = ByteBuffer.allocate(16 + 20 * infoHashes.length);
    packet.putLong(connectionId).putInt(2).putInt(transaction);
    for (byte[] hash : infoHashes) {
      packet.put(hash);
    }
    return packet;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
