package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassFeedbackTest {
  private static final SessionParameters SESSION = new SessionParameters(7, 1_000, 0);
  private static final SocketAddress A = new InetSocketAddress("127.0.0.1", 7001);
  private static final SocketAddress B = new InetSocketAddress("127.0.0.1", 7002);
  private static final long MS = 1_000_000;

  private final PassFeedback feedback = new PassFeedback();

  private static Nack answer(int considered, int missing) {
    return new Nack(SESSION, 0, considered, missing, false, false, List.of());
  }

  @Test
  void theWorstLossIsOfTheBlocksSentSinceAMembersLastAnswer() {
    feedback.requested(100, 0);
    feedback.requested(200, 0);
    feedback.answered(A, answer(100, 10), 0);
    feedback.answered(B, answer(100, 0), 0);
    assertEquals(0.10, feedback.worstLoss(), 1e-9);

    feedback.nextInterval();
    feedback.answered(A, answer(200, 12), 0);
    assertEquals(0.02, feedback.worstLoss(), 1e-9);
  }

  @Test
  void aMemberLagsByHowMuchLaterThanItsQuickestItAnswers() {
    for (int i = 1; i <= 5; i++) {
      feedback.requested(i * 100, i * 10 * MS);
    }
    feedback.answered(A, answer(100, 0), 10 * MS + 2 * MS); // quickest: 2 ms
    feedback.answered(A, answer(200, 0), 20 * MS + 2 * MS);
    feedback.answered(A, answer(300, 0), 30 * MS + 2 * MS);
    assertEquals(0, feedback.worstLagNs());

    feedback.nextInterval();
    feedback.answered(A, answer(400, 0), 40 * MS + 32 * MS);
    assertEquals(0, feedback.worstLagNs(), "one late answer may be a random reply delay");
    feedback.answered(A, answer(500, 0), 50 * MS + 42 * MS);
    assertEquals(0, feedback.worstLagNs());
    feedback.requested(600, 60 * MS);
    feedback.answered(A, answer(600, 0), 60 * MS + 52 * MS);
    assertEquals(30 * MS, feedback.worstLagNs(), "three late answers in a row are a backlog");
  }

  @Test
  void anAnswerToAnUnknownRequestOrACompleteMemberTellsNoLag() {
    feedback.requested(100, 0);
    feedback.answered(A, answer(100, 0), MS);
    feedback.answered(A, answer(999, 0), 500 * MS);
    feedback.answered(B, new Nack(SESSION, 0, 100, 0, true, false, List.of()), 900 * MS);
    assertEquals(0, feedback.worstLagNs());
  }

  @Test
  void aLateAnswerToTheSessionsFirstRequestIsNoLoss() {
    feedback.requested(100, 0);
    feedback.answered(A, answer(5_000, 5_000), MS); // "all missing", to the start's request
    assertEquals(0, feedback.worstLoss());
  }

  @Test
  void theLatestRequestForTheSameBlocksCounts() {
    feedback.requested(100, 0);
    feedback.answered(A, answer(100, 0), MS);
    feedback.requested(100, 400 * MS); // a relay waiting for a piece asks again
    feedback.answered(A, answer(100, 0), 401 * MS);
    assertEquals(0, feedback.worstLagNs());
  }
}
