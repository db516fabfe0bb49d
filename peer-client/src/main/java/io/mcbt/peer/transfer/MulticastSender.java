package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceStore;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.EndFrame;
import io.mcbt.transfer.SessionParameters;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A group's sender: multicasts every block of the torrent once (the pass), paced and adapting its
 * rate to the losses the members report on the way, then runs repair rounds: a status request, the
 * members' NACKs, and repair blocks for what they miss, until every member is complete or the round
 * limit is hit. Members added later (late joiners) get the remaining pass and repairs.
 *
 * <p>One thread sends; another reads NACKs from the same socket and queues them, since members
 * answer to the address status requests come from.
 */
public final class MulticastSender implements AutoCloseable {
  /** What a session cost, for the group's record. */
  public record Figures(
      long bytesSent,
      long datagramsSent,
      int rounds,
      long retransmittedBytes,
      long nacksReceived,
      long rejected,
      int membersComplete,
      int members,
      double rateBytesPerSecond,
      long elapsedNs) {}

  private static final long MAX_ROUND_WAIT_NS = 2_000_000_000L;
  private static final long MEMBER_SILENCE_NS = 15_000_000_000L;
  private static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;

  private final SessionParameters parameters;
  private final BlockLayout layout;
  private final InetSocketAddress group;
  private final DatagramChannel channel;
  private final PieceStore store;
  private final SenderSettings settings;
  private final long statusIntervalNs;
  private final long roundTimeoutNs;
  private final int replyWithinMillis;
  private final byte[] key;
  private final Consumer<Figures> reports;
  private final Consumer<String> log;
  private final CompletableFuture<EndFrame.Reason> ended = new CompletableFuture<>();
  private final PieceAvailability availability;
  private final Thread sending;
  private final Thread feedback;
  private final NackInbox inbox;
  private final GroupAnswers answers;
  private final RepairEncoder encoder;
  private RateControl rate;
  private FrameOutput output;
  private RepairRound repairs;
  private PassInterval interval;
  private volatile boolean closed;
  private volatile Figures figures;
  private long retransmittedBytes;
  private int round;
  private long startNs;
  private long endNs;

  private MulticastSender(
      long session,
      InetSocketAddress group,
      DatagramChannel channel,
      byte[] key,
      PieceStore store,
      PieceAvailability availability,
      int blockSize,
      SenderSettings settings,
      Timers timers,
      Consumer<Figures> reports,
      Consumer<String> log) {
    this.layout =
        new BlockLayout(
            store.info().totalLength(), Math.toIntExact(store.info().pieceLength()), blockSize);
    int coding = Math.min(settings.codingBlocks(), layout.blockCount());
    this.parameters = new SessionParameters(session, blockSize, coding);
    this.group = group;
    this.channel = channel;
    this.store = store;
    this.availability = availability;
    this.settings = settings;
    this.statusIntervalNs = timers.statusIntervalNs();
    this.roundTimeoutNs = timers.roundTimeoutNs();
    this.replyWithinMillis = (int) Math.min(0xffff, timers.nackDelayMaxNs() / 1_000_000);
    this.key = key.clone();
    this.reports = reports;
    this.log = log;
    this.encoder = coding == 0 ? null : new RepairEncoder(new CodingGroups(layout, coding), store);
    this.sending = new Thread(this::run, "multicast-sender-" + session);
    this.inbox = new NackInbox(channel, session, key);
    this.feedback = new Thread(inbox, "multicast-feedback-" + session);
    this.answers = new GroupAnswers(inbox, request -> output.status(request), () -> closed);
    this.figures = snapshot();
  }

  /** The group's timers, as the tracker derived them from the members' RTT. */
  public record Timers(long statusIntervalNs, long nackDelayMaxNs, long roundTimeoutNs) {}

  /**
   * Starts sending {@code store} to session {@code session} at {@code group} over {@code nic}.
   *
   * @param availability when each piece can be sent: {@link PieceAvailability#WHOLE} for a holder,
   *     as it is verified for a relay
   * @param members how many members the group has so far
   * @param ttl the multicast TTL (1 keeps datagrams on the link)
   */
  public static MulticastSender start(
      long session,
      InetSocketAddress group,
      int ttl,
      byte[] key,
      NetworkInterface nic,
      InetAddress bind,
      PieceStore store,
      PieceAvailability availability,
      int members,
      SenderSettings settings,
      Timers timers,
      Consumer<Figures> reports,
      Consumer<String> log)
      throws IOException {
    DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
      channel.bind(new InetSocketAddress(bind, 0));
      MulticastSender sender =
          new MulticastSender(
              session,
              group,
              channel,
              key,
              store,
              availability,
              BlockSizes.choose(settings.blockSize(), nic),
              settings,
              timers,
              reports,
              log);
      sender.answers.addMembers(members);
      sender.feedback.setDaemon(true);
      sender.sending.setDaemon(true);
      sender.feedback.start();
      sender.sending.start();
      return sender;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** More members joined (late joiners): they get what is left of the pass, then repairs. */
  public void addMembers(int count) {
    answers.addMembers(count);
    LockSupport.unpark(sending);
  }

  public CompletableFuture<EndFrame.Reason> ended() {
    return ended;
  }

  /** The figures as of the last round (or the start). */
  public Figures figures() {
    return figures;
  }

  private Figures snapshot() {
    return new Figures(
        output == null ? 0 : output.bytesSent(),
        output == null ? 0 : output.datagramsSent(),
        round,
        retransmittedBytes,
        inbox.received(),
        inbox.rejected(),
        answers.completeCount(),
        answers.members(),
        rate == null ? 0 : rate.rate(),
        startNs == 0 ? 0 : (endNs == 0 ? System.nanoTime() : endNs) - startNs);
  }

  public int blockSize() {
    return parameters.blockSize();
  }

  private void run() {
    EndFrame.Reason reason = EndFrame.Reason.STOPPED;
    try {
      long now = System.nanoTime();
      startNs = now;
      double ceiling = settings.rateCeilingBytesPerSecond();
      rate = new RateControl(ceiling, ceiling / 4, settings.lossThreshold(), statusIntervalNs);
      output = new FrameOutput(channel, group, key, parameters, layout, store, rate.rate(), now);
      repairs = new RepairRound(output, encoder, parameters.codingBlocks());
      interval = new PassInterval(answers, output, rate, encoder, parameters, replyWithinMillis);
      RoundAnswers start = awaitMembers();
      if (start.count() > 0 && start.mostMissing() < layout.blockCount() / 2) {
        // A group whose sender left: its members hold most of the torrent already.
        sendRepairs(start);
      } else {
        pass();
      }
      reason = repairRounds();
      endSession(reason);
      while (reason == EndFrame.Reason.COMPLETE && !closed) {
        reason = awaitLateJoiners();
        if (!closed) {
          output.end(reason, round);
          publish();
        }
      }
    } catch (ClosedChannelException e) {
      reason = EndFrame.Reason.STOPPED;
    } catch (IOException | RuntimeException e) {
      log.accept("multicast sender stopped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!ended.isDone()) {
        endSession(reason);
      }
    }
  }

  /** The session's first end: its figures (time included) are those of the group's delivery. */
  private void endSession(EndFrame.Reason reason) {
    if (output != null) {
      output.end(reason, round);
    }
    endNs = System.nanoTime();
    publish();
    ended.complete(reason);
  }

  /**
   * Asks what the members miss until every member answered, or the start wait is over: members late
   * to join miss less, and a sender taking over a group learns what it still needs.
   */
  private RoundAnswers awaitMembers() throws IOException, InterruptedException {
    return answers.everyone(
        new StatusRequest(parameters, 0, layout.blockCount(), true, replyWithinMillis),
        System.nanoTime() + settings.startWait().toNanos());
  }

  private void pass() throws IOException, InterruptedException {
    long passStartNs = System.nanoTime();
    interval.start(passStartNs);
    long nextStatusNs = passStartNs + statusIntervalNs;
    int count = layout.blockCount();
    for (int block = 0; block < count && !closed; block++) {
      if (block == layout.firstBlockOf(layout.pieceOf(block))) {
        awaitPiece(layout.pieceOf(block), block);
      }
      output.data(block, 0);
      long now = System.nanoTime();
      if (now >= nextStatusNs) {
        retransmittedBytes += interval.end(block + 1, now);
        nextStatusNs = now + statusIntervalNs;
      }
    }
  }

  /**
   * A relay waits for each piece before it sends it. Meanwhile members hear a status request each
   * interval: they stay (their silence timer would end the session) and tell how the rate does.
   */
  private void awaitPiece(int piece, int sentBlocks) throws IOException, InterruptedException {
    while (!closed && !availability.await(piece, statusIntervalNs)) {
      retransmittedBytes += interval.end(sentBlocks, System.nanoTime());
    }
  }

  /**
   * After everyone is complete, a member that joins late finds the sender still there: it answers
   * the next status request with all it misses, and repair rounds run again.
   */
  private EndFrame.Reason awaitLateJoiners() throws IOException, InterruptedException {
    int known = answers.members();
    while (!closed && answers.members() == known) {
      LockSupport.parkNanos(100_000_000);
    }
    return closed ? EndFrame.Reason.STOPPED : repairRounds();
  }

  /**
   * Repair rounds until every member is complete or the round limit. A round nobody answers does
   * not count: members still working through a backlog of datagrams answer late, so the sender
   * waits longer each time (up to {@link #MAX_ROUND_WAIT_NS}) and gives up only after {@link
   * #MEMBER_SILENCE_NS} without a word.
   */
  private EndFrame.Reason repairRounds() throws IOException, InterruptedException {
    int last = round + settings.maxRounds();
    long waitNs = roundTimeoutNs;
    long silentSinceNs = 0;
    for (round++; round <= last && !closed; round++) {
      RoundAnswers answered =
          answers.round(
              new StatusRequest(parameters, round, layout.blockCount(), true, replyWithinMillis),
              waitNs,
              Math.max(roundTimeoutNs / 4, 2_000_000));
      publish();
      if (answers.allComplete()) {
        return EndFrame.Reason.COMPLETE;
      }
      long now = System.nanoTime();
      if (answered.count() == 0) {
        silentSinceNs = silentSinceNs == 0 ? now : silentSinceNs;
        if (now - silentSinceNs > MEMBER_SILENCE_NS) {
          log.accept("multicast group " + parameters.session() + ": no member answers");
          return EndFrame.Reason.STOPPED;
        }
        waitNs = Math.min(2 * waitNs, MAX_ROUND_WAIT_NS);
        round--;
        continue;
      }
      silentSinceNs = 0;
      waitNs = roundTimeoutNs;
      sendRepairs(answered);
    }
    round = Math.min(round, last);
    return closed ? EndFrame.Reason.STOPPED : EndFrame.Reason.ROUND_LIMIT;
  }

  private void sendRepairs(RoundAnswers answered) throws IOException {
    retransmittedBytes += repairs.send(answered, round, () -> closed);
  }

  private void publish() {
    Figures now = snapshot();
    figures = now;
    reports.accept(now);
  }

  /** Stops at once: members hear the session end and fetch the rest over the peer wire. */
  @Override
  public void close() {
    closed = true;
    try {
      sending.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing on the way out
    }
  }
}
