package io.mcbt.peer.transfer;

import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.FrameType;
import io.mcbt.transfer.MalformedFrameException;
import io.mcbt.transfer.Nack;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The members' NACKs, as they reach a sender's socket: checked (type, session, tag), decoded, and
 * queued for the sending thread. Runs on a thread of its own until the socket closes.
 */
final class NackInbox implements Runnable {
  /** A NACK, the member (its address) that sent it, and when it came ({@link System#nanoTime}). */
  record Answer(SocketAddress from, Nack nack, long receivedNs) {}

  private final DatagramChannel channel;
  private final long session;
  private final FrameAuthenticator checker;
  private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private volatile long received;
  private volatile long rejected;

  NackInbox(DatagramChannel channel, long session, byte[] key) {
    this.channel = channel;
    this.session = session;
    this.checker = new FrameAuthenticator(key);
  }

  /** The next answer within {@code timeoutNs}, or null. */
  Answer poll(long timeoutNs) throws InterruptedException {
    return answers.poll(timeoutNs, TimeUnit.NANOSECONDS);
  }

  /** The next answer if one is there, or null. */
  Answer poll() {
    return answers.poll();
  }

  long received() {
    return received;
  }

  /** Datagrams that were not an authentic NACK of this session. */
  long rejected() {
    return rejected;
  }

  @Override
  public void run() {
    ByteBuffer in = ByteBuffer.allocateDirect(2_048);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        if (FrameHeader.typeOf(in) != FrameType.NACK
            || FrameHeader.session(in) != session
            || !checker.verify(in)) {
          rejected++;
          continue;
        }
        received++;
        answers.add(new Answer(from, Nack.decode(in), System.nanoTime()));
      } catch (MalformedFrameException e) {
        rejected++;
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // an ICMP error surfacing from a member that left; keep reading
      }
    }
  }
}
