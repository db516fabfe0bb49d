package io.mcbt.peer.transfer;

import io.mcbt.transfer.SessionParameters;
import io.mcbt.transfer.StatusRequest;
import java.io.IOException;

/**
 * What a sender does once per status interval of its pass: takes the members' answers, sets the
 * rate from the worst member's losses and lag and from what was really sent, sends the repairs the
 * answers ask for, and asks for status again (the repairs go first, so the answers to that request
 * reflect them).
 */
final class PassInterval {
  private final GroupAnswers answers;
  private final FrameOutput output;
  private final RateControl rate;
  private final RepairEncoder encoder;
  private final PassRepairs repairs;
  private final SessionParameters parameters;
  private final int replyWithinMillis;
  private final PassFeedback feedback = new PassFeedback();
  private long lastNs;
  private long lastBytes;
  private long repairBytes;

  /** {@code encoder} is null when the session has no coding: no repairs during the pass then. */
  PassInterval(
      GroupAnswers answers,
      FrameOutput output,
      RateControl rate,
      RepairEncoder encoder,
      SessionParameters parameters,
      int replyWithinMillis) {
    this.answers = answers;
    this.output = output;
    this.rate = rate;
    this.encoder = encoder;
    this.repairs = encoder == null ? null : new PassRepairs(encoder);
    this.parameters = parameters;
    this.replyWithinMillis = replyWithinMillis;
  }

  /** The pass starts: the first interval's sending rate counts from here. */
  void start(long nowNs) {
    lastNs = nowNs;
    lastBytes = output.bytesSent();
  }

  /**
   * The interval ends with {@code sentBlocks} blocks of the pass sent; returns repair bytes sent.
   */
  long end(int sentBlocks, long nowNs) throws IOException {
    adaptRate(nowNs);
    long before = repairBytes;
    if (repairs != null) {
      repairs.send(sentBlocks, group -> repairBytes += output.repair(encoder, group, 0));
    }
    output.status(new StatusRequest(parameters, 0, sentBlocks, false, replyWithinMillis));
    feedback.requested(sentBlocks, System.nanoTime());
    return repairBytes - before;
  }

  private void adaptRate(long nowNs) {
    answers.drain(
        answer -> {
          feedback.answered(answer.from(), answer.nack(), answer.receivedNs());
          if (repairs != null) {
            repairs.answered(answer.nack());
          }
        });
    long sent = output.bytesSent();
    double sentRate = nowNs > lastNs ? (sent - lastBytes) * 1e9 / (nowNs - lastNs) : 0;
    lastNs = nowNs;
    lastBytes = sent;
    output.rate(rate.feedback(feedback.worstLoss(), feedback.worstLagNs(), sentRate, nowNs));
    feedback.nextInterval();
  }
}
