package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceState;
import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A member's answers to its sender, by unicast to the address status requests come from: the NACKs
 * a status request asks for, once a random delay is over (so that a large group does not answer all
 * at once), and "complete" as soon as the last piece verifies. The receiving thread hands requests
 * in; the member's feedback thread sends.
 */
final class NackResponder {
  /** NACKs one answer may take: some 9,000 missing ranges, 2 % of a 640 MiB torrent. */
  private static final int MAX_NACKS_PER_ANSWER = 32;

  /**
   * NACKs one answer during the pass may take: answers come every few RTTs then, and the sender's
   * repairs keep the list short.
   */
  private static final int MAX_NACKS_PER_PASS_ANSWER = 1;

  private final DatagramChannel channel;
  private final FrameAuthenticator sealer;
  private final FeedbackDelay delay;
  private final BlockIntake intake;
  private final PieceState pieces;
  private final ByteBuffer out = ByteBuffer.allocate(2_048);
  private long dueNs = Long.MAX_VALUE;
  private StatusRequest pending;
  private SocketAddress sender;
  private volatile boolean toldComplete;
  private volatile long sent;

  NackResponder(
      DatagramChannel channel,
      byte[] key,
      FeedbackDelay delay,
      BlockIntake intake,
      PieceState pieces) {
    this.channel = channel;
    this.sealer = new FrameAuthenticator(key);
    this.delay = delay;
    this.intake = intake;
    this.pieces = pieces;
  }

  /** A status request from {@code from}: its answer is due after a random part of its window. */
  synchronized void requested(StatusRequest request, SocketAddress from) {
    sender = from;
    pending = request;
    dueNs = System.nanoTime() + delay.delayNs(request.replyWithinMillis() * 1_000_000L);
  }

  /** When the pending answer is due, or {@code latestNs} if that is sooner. */
  synchronized long dueNs(long latestNs) {
    return Math.min(dueNs, latestNs);
  }

  /** Sends the pending answer if it is due at {@code nowNs}. */
  void sendDue(long nowNs) {
    StatusRequest request;
    synchronized (this) {
      if (nowNs < dueNs || pending == null) {
        return;
      }
      request = pending;
      pending = null;
      dueNs = Long.MAX_VALUE;
    }
    boolean complete = pieces.isComplete();
    for (Nack nack :
        intake
            .blocks()
            .nacks(
                intake.parameters(),
                request.round(),
                request.sentBlocks(),
                complete,
                true,
                request.passComplete() ? MAX_NACKS_PER_ANSWER : MAX_NACKS_PER_PASS_ANSWER)) {
      send(nack);
    }
    toldComplete |= complete;
  }

  /** Whether "complete" was said already. */
  boolean toldComplete() {
    return toldComplete;
  }

  /**
   * Says "complete" at once, as of {@code round}, rather than at the next status request; nothing
   * when no request came yet (there is nowhere to say it).
   */
  void tellComplete(int round) {
    synchronized (this) {
      if (sender == null) {
        return;
      }
    }
    send(intake.blocks().nack(intake.parameters(), round, 0, true, false));
    toldComplete = true;
  }

  long sent() {
    return sent;
  }

  private synchronized void send(Nack nack) {
    out.clear();
    nack.encode(out);
    sealer.seal(out);
    try {
      channel.send(out, sender);
      sent++;
    } catch (IOException e) {
      // The next status request asks again; a lost NACK only delays a repair.
    }
  }
}
