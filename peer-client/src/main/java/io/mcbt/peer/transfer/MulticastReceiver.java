package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.StorageException;
import io.mcbt.transfer.EndFrame;
import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.FrameType;
import io.mcbt.transfer.MalformedFrameException;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * A member's side of a group session: joins the group's address on one interface, writes every
 * block that authenticates into the piece store, hands each piece whose blocks are all in to a
 * verifying thread (a piece that fails its hash gives its blocks back, so they are asked for
 * again), repairs lost blocks from repair blocks, and answers the sender's status requests with
 * NACKs by unicast. Ends when the sender ends the session, when it falls silent, or on {@link
 * #close()}; what is still missing then comes over the peer wire protocol.
 */
public final class MulticastReceiver implements AutoCloseable {
  /** How a member's part in a session ended. */
  public enum Outcome {
    /** Every piece is verified. */
    COMPLETE,
    /** The sender ended the session before this member had everything. */
    SENDER_ENDED,
    /** No frame of the session came for the silence timeout. */
    SILENT,
    /** Closed from outside. */
    CLOSED
  }

  /** What the member has seen so far. */
  public record Figures(
      long datagrams,
      long blockBytes,
      long dropped,
      long duplicates,
      long repaired,
      long badPieces,
      long nacksSent,
      int round) {}

  private static final long ACTIVE_POLL_NS = 1_000_000;
  private static final long IDLE_POLL_NS = 5_000_000;
  private static final long IDLE_AFTER_NS = 1_000_000_000;
  private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

  private final long session;
  private final DatagramChannel group;
  private final DatagramChannel feedback;
  private final FrameAuthenticator authenticator;
  private final PieceTracker pieces;
  private final long silenceNs;
  private final LongPredicate lose;
  private final Consumer<String> log;
  private final BlockIntake intake;
  private final NackResponder answers;
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private final ByteBuffer in = ByteBuffer.allocateDirect(65_536);
  private final Thread thread;
  private final Thread feedbackThread;
  private volatile boolean closed;
  private volatile boolean silent;
  private volatile Figures figures = new Figures(0, 0, 0, 0, 0, 0, 0, 0);

  private long datagrams;
  private long dropped;
  private long duplicates;
  private volatile int round;
  private volatile long lastFrameNs;

  private MulticastReceiver(
      long session,
      DatagramChannel group,
      DatagramChannel feedback,
      byte[] key,
      PieceTracker pieces,
      FeedbackDelay delay,
      Duration silence,
      LongPredicate lose,
      Consumer<String> log) {
    this.session = session;
    this.lose = lose;
    this.group = group;
    this.feedback = feedback;
    this.authenticator = new FrameAuthenticator(key);
    this.pieces = pieces;
    this.silenceNs = silence.toNanos();
    this.log = log;
    this.intake = new BlockIntake(session, pieces, this::wakeFeedback);
    this.answers = new NackResponder(feedback, key, delay, intake, pieces.state());
    this.thread = new Thread(this::run, "multicast-receiver-" + session);
    this.thread.setDaemon(true);
    this.feedbackThread = new Thread(this::answer, "multicast-nack-" + session);
    this.feedbackThread.setDaemon(true);
  }

  /**
   * Joins {@code address}:{@code port} on {@code nic} and starts receiving session {@code session}
   * into {@code pieces}; NACKs leave from {@code bind}.
   */
  public static MulticastReceiver start(
      long session,
      InetSocketAddress address,
      byte[] key,
      NetworkInterface nic,
      InetAddress bind,
      PieceTracker pieces,
      Duration silence,
      FeedbackDelay delay,
      Consumer<String> log)
      throws IOException {
    return start(session, address, key, nic, bind, pieces, silence, delay, datagram -> false, log);
  }

  /** As above, dropping the datagrams {@code lose} names (by arrival number), to test repairs. */
  static MulticastReceiver start(
      long session,
      InetSocketAddress address,
      byte[] key,
      NetworkInterface nic,
      InetAddress bind,
      PieceTracker pieces,
      Duration silence,
      FeedbackDelay delay,
      LongPredicate lose,
      Consumer<String> log)
      throws IOException {
    DatagramChannel group = DatagramChannel.open(StandardProtocolFamily.INET);
    DatagramChannel feedback = null;
    try {
      group.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      group.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
      // Bound to the group's address, not the wildcard, so that only this group's datagrams come.
      group.bind(address);
      group.join(address.getAddress(), nic);
      group.configureBlocking(false);
      feedback =
          DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(bind, 0));
      MulticastReceiver receiver =
          new MulticastReceiver(session, group, feedback, key, pieces, delay, silence, lose, log);
      int buffer = group.getOption(StandardSocketOptions.SO_RCVBUF);
      if (buffer < RECEIVE_BUFFER_BYTES) {
        log.accept(
            "multicast receive buffer is "
                + buffer / 1024
                + " KiB (raise net.core.rmem_max to "
                + RECEIVE_BUFFER_BYTES
                + " for fewer losses at high rates)");
      }
      receiver.lastFrameNs = System.nanoTime();
      receiver.thread.start();
      receiver.feedbackThread.start();
      return receiver;
    } catch (IOException | RuntimeException e) {
      group.close();
      if (feedback != null) {
        feedback.close();
      }
      throw e;
    }
  }

  public CompletableFuture<Outcome> outcome() {
    return outcome;
  }

  public Figures figures() {
    return figures;
  }

  private void run() {
    Outcome result = Outcome.CLOSED;
    try {
      result = receive();
    } catch (ClosedChannelException e) {
      result = silent ? Outcome.SILENT : Outcome.CLOSED;
    } catch (IOException | StorageException e) {
      log.accept("multicast reception stopped: " + e.getMessage());
      result = Outcome.SENDER_ENDED;
    } finally {
      finish(result);
    }
  }

  /**
   * Drains the socket, then sleeps a millisecond and drains it again. Blocking in the kernel until
   * each datagram arrives would cost a wake-up per datagram, for this thread and for the sender,
   * whose system call does the waking: measured, that was most of the CPU of a group on a busy
   * host. The socket buffer holds far more than a millisecond of datagrams.
   */
  private Outcome receive() throws IOException {
    long idleSinceNs = 0;
    while (!closed) {
      SocketAddress from = receiveOne();
      if (from == null) {
        long now = System.nanoTime();
        idleSinceNs = idleSinceNs == 0 ? now : idleSinceNs;
        LockSupport.parkNanos(now - idleSinceNs > IDLE_AFTER_NS ? IDLE_POLL_NS : ACTIVE_POLL_NS);
        continue;
      }
      idleSinceNs = 0;
      Outcome ended = handle(from);
      if (ended != null) {
        return ended;
      }
      if ((datagrams & 1023) == 0) {
        publishFigures();
      }
    }
    return Outcome.CLOSED;
  }

  /**
   * The feedback thread: sends the NACK a status request asked for once its random delay is over,
   * says "complete" as soon as it is, and ends reception when the sender falls silent.
   */
  private void answer() {
    while (!closed && thread.isAlive()) {
      long now = System.nanoTime();
      answers.sendDue(now);
      if (!answers.toldComplete() && intake.parameters() != null && pieces.state().isComplete()) {
        answers.tellComplete(round);
      }
      if (now - lastFrameNs > silenceNs) {
        silent = true;
        closeQuietly();
        return;
      }
      LockSupport.parkNanos(Math.max(answers.dueNs(now + 50_000_000) - now, 100_000));
    }
  }

  private SocketAddress receiveOne() throws IOException {
    in.clear();
    SocketAddress from = group.receive(in);
    in.flip();
    return from;
  }

  /** Handles the datagram in {@link #in}; returns an outcome when it ends the session. */
  private Outcome handle(SocketAddress from) {
    if (lose.test(++datagrams)) {
      return null;
    }
    FrameType type = FrameHeader.typeOf(in);
    if (type == null
        || type == FrameType.NACK
        || FrameHeader.session(in) != session
        || !authenticator.verify(in)) {
      dropped++;
      return null;
    }
    lastFrameNs = System.nanoTime();
    if (!intake.adopt(FrameHeader.blockSize(in), FrameHeader.codingBlocks(in))) {
      dropped++;
      return null;
    }
    int frameRound = FrameHeader.round(in);
    if (frameRound > round) {
      round = frameRound;
    }
    switch (type) {
      case DATA -> count(intake.data(in));
      case REPAIR -> count(intake.repair(in));
      case STATUS_REQUEST -> statusRequest(from);
      case END -> {
        return end();
      }
      default -> dropped++;
    }
    return null;
  }

  /** The last piece verified: say so to the sender now rather than at its next request. */
  private void wakeFeedback() {
    LockSupport.unpark(feedbackThread);
  }

  private void count(BlockIntake.Result result) {
    if (result == BlockIntake.Result.DUPLICATE) {
      duplicates++;
    } else if (result == BlockIntake.Result.REJECTED) {
      dropped++;
    }
  }

  private void statusRequest(SocketAddress from) {
    StatusRequest request;
    try {
      request = StatusRequest.decode(in);
    } catch (MalformedFrameException e) {
      dropped++;
      return;
    }
    answers.requested(request, from);
    LockSupport.unpark(feedbackThread);
  }

  private Outcome end() {
    try {
      EndFrame.decode(in);
    } catch (MalformedFrameException e) {
      dropped++;
      return null;
    }
    return Outcome.SENDER_ENDED;
  }

  private void publishFigures() {
    figures =
        new Figures(
            datagrams,
            intake.blockBytes(),
            dropped,
            duplicates,
            intake.repaired(),
            intake.badPieces(),
            answers.sent(),
            round);
  }

  private void finish(Outcome result) {
    try {
      intake.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StorageException e) {
      log.accept("multicast reception: " + e.getMessage());
    }
    if (result != Outcome.CLOSED && pieces.state().isComplete()) {
      result = Outcome.COMPLETE;
      if (!answers.toldComplete() && intake.parameters() != null) {
        answers.tellComplete(round);
      }
    }
    publishFigures();
    closeQuietly();
    outcome.complete(result);
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    for (AutoCloseable closeable : new AutoCloseable[] {group, feedback}) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing on the way out
      }
    }
  }
}
