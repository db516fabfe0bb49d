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
  private final int codingBlocks;

  /**
   * Per coding group: the repair blocks held for it, too few yet to mend it. The sender's next
   * repairs for a group are new ones, so a member needs that many fewer; answers during the pass
   * leave that many of the group's missing blocks out. Measured before: the pass's repairs came to
   * 3.56 blocks a group where the members' losses asked for 3.13.
   */
  private final int[] heldRepairs;

  private int count;

  /**
   * Every block below this one is held, so answers start their scans here. Measured with sixteen
   * members on two cores: copying and scanning the bitmap from block 0 at each status request of
   * the pass (a hundred a second) took the members' feedback threads 7 % of the host's CPU, under
   * the lock the receiving thread takes for every block.
   */
  private int heldBelow;

  ReceivedBlocks(BlockLayout layout, PieceState verified) {
    this(layout, verified, 0);
  }

  /** As above, for a session that repairs in coding groups of {@code codingBlocks} blocks. */
  ReceivedBlocks(BlockLayout layout, PieceState verified, int codingBlocks) {
    this.layout = layout;
    this.codingBlocks = codingBlocks;
    this.heldRepairs =
        new int[codingBlocks == 0 ? 0 : (layout.blockCount() + codingBlocks - 1) / codingBlocks];
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

  /** The decoder holds {@code count} repair blocks of coding group {@code group}, waiting. */
  synchronized void repairsHeld(int group, int count) {
    heldRepairs[group] = count;
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
   * take; what does not fit is asked for in the next round. With {@code lessHeldRepairs} (the
   * pass's answers, which the sender answers with repair blocks only), each coding group's ranges
   * leave out as many of its missing blocks as repair blocks are held for it.
   */
  synchronized List<Nack> nacks(
      SessionParameters parameters,
      int round,
      int considered,
      boolean complete,
      boolean withRanges,
      boolean lessHeldRepairs,
      int maxNacks) {
    if (complete) {
      return List.of(new Nack(parameters, round, considered, 0, true, false, List.of()));
    }
    int missing = missingBelow(considered);
    List<BlockRange> ranges =
        withRanges
            ? missingRanges(considered, maxNacks * Nack.MAX_BODY_LENGTH / 2, lessHeldRepairs)
            : List.of();
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
    return nacks(parameters, round, considered, complete, withRanges, false, 1).get(0);
  }

  /** The missing blocks below {@code end}, as ascending ranges, at most {@code maxRanges}. */
  synchronized List<BlockRange> missingRanges(int end, int maxRanges) {
    return missingRanges(end, maxRanges, false);
  }

  /**
   * As above; with {@code lessHeldRepairs}, the first missing blocks of each coding group, as many
   * as repair blocks are held for it, are left out.
   */
  synchronized List<BlockRange> missingRanges(int end, int maxRanges, boolean lessHeldRepairs) {
    end = Math.min(end, layout.blockCount());
    boolean trim = lessHeldRepairs && codingBlocks > 0;
    RangeList ranges = new RangeList(maxRanges);
    int group = -1;
    int skipLeft = 0;
    int first = firstMissing();
    while (first < end && !ranges.isFull()) {
      int after = endOfGap(first, end);
      // A gap may span coding groups: each part skips what its own group's repairs mend.
      for (int from = first; from < after; ) {
        int to = trim ? Math.min(after, (from / codingBlocks + 1) * codingBlocks) : after;
        if (trim && from / codingBlocks != group) {
          group = from / codingBlocks;
          skipLeft = heldRepairs[group];
        }
        int skipped = Math.min(skipLeft, to - from);
        skipLeft -= skipped;
        ranges.add(from + skipped, to);
        from = to;
      }
      first = received.nextClearBit(after);
    }
    return ranges.ranges;
  }

  /** Ascending ranges, at most a number of them; a range that continues the last one joins it. */
  private static final class RangeList {
    final List<BlockRange> ranges = new ArrayList<>();
    private final int max;

    RangeList(int max) {
      this.max = max;
    }

    boolean isFull() {
      return ranges.size() >= max;
    }

    void add(int first, int after) {
      if (first >= after) {
        return;
      }
      int last = ranges.size() - 1;
      if (last >= 0 && ranges.get(last).end() == first) {
        ranges.set(
            last, new BlockRange(ranges.get(last).first(), after - ranges.get(last).first()));
      } else if (!isFull()) {
        ranges.add(new BlockRange(first, after - first));
      }
    }
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
