package io.mcbt.peer.transfer;

import io.mcbt.transfer.Nack;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What the members' answers to the pass's status requests say about the rate, interval by interval:
 * the worst member's loss (blocks it lacks of those sent since its last answer) and the worst
 * member's lag.
 *
 * <p>A member handles datagrams in the order they come, so it answers a status request only once it
 * has taken every block queued before it. The time from a request to its answer, less the least
 * such time seen from that member (the network and its reply delay), is therefore how long blocks
 * wait in the member's socket buffer: it grows as soon as the sender outruns the member, well
 * before the buffer overflows and blocks are lost. The least of a member's last few lags is taken,
 * which filters out the random delay members add to their answers.
 */
final class PassFeedback {
  private static final int REMEMBERED_REQUESTS = 1_024;
  private static final int LAG_SAMPLES = 3;

  private final int[] requestBlocks = new int[REMEMBERED_REQUESTS];
  private final long[] requestNs = new long[REMEMBERED_REQUESTS];
  private final Map<SocketAddress, Member> members = new HashMap<>();
  private int requests;
  private double worstLoss;
  private long worstLagNs;

  private static final class Member {
    long consideredBlocks;
    long missingBlocks;
    long leastResponseNs = Long.MAX_VALUE;
    final long[] recentLagsNs = new long[LAG_SAMPLES];
    int answers;

    long lagNs(long responseNs) {
      leastResponseNs = Math.min(leastResponseNs, responseNs);
      recentLagsNs[answers++ % LAG_SAMPLES] = responseNs - leastResponseNs;
      long least = Long.MAX_VALUE;
      for (int i = 0; i < Math.min(answers, LAG_SAMPLES); i++) {
        least = Math.min(least, recentLagsNs[i]);
      }
      return least;
    }
  }

  /** A status request for blocks 0 to {@code sentBlocks - 1} went out at {@code nowNs}. */
  void requested(int sentBlocks, long nowNs) {
    int slot = requests++ % REMEMBERED_REQUESTS;
    requestBlocks[slot] = sentBlocks;
    requestNs[slot] = nowNs;
  }

  /**
   * {@code member}'s answer, which reached the sender at {@code answeredNs}; an answer to another
   * request than the pass's (a late one to the session's first) tells nothing of the pass.
   */
  void answered(SocketAddress member, Nack nack, long answeredNs) {
    long requestedNs = requestedNs(nack.consideredBlocks());
    if (nack.complete() || requestedNs == Long.MIN_VALUE) {
      return;
    }
    Member seen = members.computeIfAbsent(member, m -> new Member());
    long sent = nack.consideredBlocks() - seen.consideredBlocks;
    long lost = nack.missingBlocks() - seen.missingBlocks;
    if (sent > 0) {
      worstLoss = Math.max(worstLoss, Math.max(0, lost) / (double) sent);
      seen.consideredBlocks = nack.consideredBlocks();
      seen.missingBlocks = nack.missingBlocks();
    }
    if (answeredNs >= requestedNs) {
      worstLagNs = Math.max(worstLagNs, seen.lagNs(answeredNs - requestedNs));
    }
  }

  double worstLoss() {
    return worstLoss;
  }

  long worstLagNs() {
    return worstLagNs;
  }

  /** Starts the next interval. */
  void nextInterval() {
    worstLoss = 0;
    worstLagNs = 0;
  }

  /** When the latest request for {@code sentBlocks} went out, or MIN_VALUE if none is known. */
  private long requestedNs(long sentBlocks) {
    for (int back = 1; back <= Math.min(requests, REMEMBERED_REQUESTS); back++) {
      int slot = (requests - back) % REMEMBERED_REQUESTS;
      if (requestBlocks[slot] == sentBlocks) {
        return requestNs[slot];
      }
    }
    return Long.MIN_VALUE;
  }
}
