package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceState;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which blocks of a session's layout a member holds: those of pieces verified before, and those
 * received since. Shared by the receiving thread and the one that verifies pieces, which takes a
 * piece's blocks back when the piece fails its hash.
 */
final class ReceivedBlocks {
  private final BlockLayout layout;
  private final BitSet received;
  private final int[] missingInPiece;
  private int count;

  /**
   * Every block below this one is held, so answers start their scans here rather than copy and scan
   * the bitmap from block 0 at each status request of the pass (a hundred a second), under the lock
   * the receiving thread takes for every block. Measured with sixteen members on two cores, the
   * members' feedback threads took 7.0 % of the host's CPU before, 6.1 % since.
   */
  private int heldBelow;

  ReceivedBlocks(BlockLayout layout, PieceState verified) {
    this.layout = layout;
    this.received = new BitSet(layout.blockCount());
    this.missingInPiece = new int[layout.pieceCount()];
    for (int piece = 0; piece < missingInPiece.length; piece++) {
      if (verified.isVerified(piece)) {
        int first = layout.firstBlockOf(piece);
        received.set(first, first + layout.blockCountOf(piece));
        count += layout.blockCountOf(piece);
      } else {
        missingInPiece[piece] = layout.blockCountOf(piece);
      }
    }
  }

  BlockLayout layout() {
    return layout;
  }

  synchronized boolean has(int block) {
    return received.get(block);
  }

  /** Marks {@code block} received; true when it was the last missing block of its piece. */
  synchronized boolean mark(int block) {
    if (received.get(block)) {
      return false;
    }
    received.set(block);
    count++;
    return --missingInPiece[layout.pieceOf(block)] == 0;
  }

  /**
   * Sets {@code present[j]} to whether block {@code first + j} is held, for every {@code j} of the
   * array, and returns the {@code j} of those that are not.
   */
  synchronized int[] presence(int first, boolean[] present) {
    int missing = 0;
    for (int j = 0; j < present.length; j++) {
      present[j] = received.get(first + j);
      missing += present[j] ? 0 : 1;
    }
    int[] lost = new int[missing];
    for (int j = 0, i = 0; i < missing; j++) {
      if (!present[j]) {
        lost[i++] = j;
      }
    }
    return lost;
  }

  /** Forgets a piece's blocks: it failed its hash, so they must come again. */
  synchronized void forgetPiece(int piece) {
    int first = layout.firstBlockOf(piece);
    int blocks = layout.blockCountOf(piece);
    count -= blocks - missingBetween(first, first + blocks);
    received.clear(first, first + blocks);
    heldBelow = Math.min(heldBelow, first);
    missingInPiece[piece] = blocks;
  }

  synchronized int count() {
    return count;
  }

  synchronized boolean isComplete() {
    return count == layout.blockCount();
  }

  /** How many of blocks 0 to {@code end - 1} are missing. */
  synchronized int missingBelow(int end) {
    return missingBetween(firstMissing(), Math.min(end, layout.blockCount()));
  }

  /** How many of blocks {@code from} to {@code to - 1} are missing. */
  synchronized int missingBetween(int from, int to) {
    int missing = 0;
    for (int first = received.nextClearBit(from); first < to; ) {
      int after = endOfGap(first, to);
      missing += after - first;
      first = received.nextClearBit(after);
    }
    return missing;
  }

  /**
   * The answer to a status request for blocks 0 to {@code considered - 1}: counts only, or with the
   * missing ranges when {@code withRanges}, over as many NACKs (at most {@code maxNacks}) as they
   * take; what does not fit is asked for in the next round.
   */
  synchronized List<Nack> nacks(
      SessionParameters parameters,
      int round,
      int considered,
      boolean complete,
      boolean withRanges,
      int maxNacks) {
    if (complete) {
      return List.of(new Nack(parameters, round, considered, 0, true, false, List.of()));
    }
    int missing = missingBelow(considered);
    List<BlockRange> ranges =
        withRanges ? missingRanges(considered, maxNacks * Nack.MAX_BODY_LENGTH / 2) : List.of();
    List<Nack> nacks = new ArrayList<>();
    int from = 0;
    do {
      Nack nack =
          Nack.fitting(
              parameters, round, considered, missing, false, ranges.subList(from, ranges.size()));
      nacks.add(nack);
      from += nack.ranges().size();
    } while (from < ranges.size() && nacks.size() < maxNacks);
    return nacks;
  }

  /** The first (or only) NACK of {@link #nacks}. */
  synchronized Nack nack(
      SessionParameters parameters,
      int round,
      int considered,
      boolean complete,
      boolean withRanges) {
    return nacks(parameters, round, considered, complete, withRanges, 1).get(0);
  }

  /** The missing blocks below {@code end}, as ascending ranges, at most {@code maxRanges}. */
  synchronized List<BlockRange> missingRanges(int end, int maxRanges) {
    end = Math.min(end, layout.blockCount());
    List<BlockRange> ranges = new ArrayList<>();
    int first = firstMissing();
    while (first < end && ranges.size() < maxRanges) {
      int after = endOfGap(first, end);
      ranges.add(new BlockRange(first, after - first));
      first = received.nextClearBit(after);
    }
    return ranges;
  }

  private int firstMissing() {
    heldBelow = received.nextClearBit(heldBelow);
    return heldBelow;
  }

  /** The first block held after the missing block {@code first}, or {@code end}. */
  private int endOfGap(int first, int end) {
    int held = received.nextSetBit(first);
    return held < 0 ? end : Math.min(held, end);
  }
}
