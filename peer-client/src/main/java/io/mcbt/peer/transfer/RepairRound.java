package io.mcbt.peer.transfer;

import java.io.IOException;
import java.util.BitSet;
import java.util.function.BooleanSupplier;

/**
 * What a sender sends in a repair round for the losses its members reported: per coding group, as
 * many repair blocks as the member that lacks most of it lacks (one repair block mends a different
 * loss at each member); the missing blocks themselves where repair blocks cannot serve (a group
 * lost whole, or more losses than the code has repair blocks), or with no coding at all.
 */
final class RepairRound {
  private final FrameOutput output;
  private final RepairEncoder encoder;
  private final int codingBlocks;

  /** {@code encoder} is null when the session has no coding. */
  RepairRound(FrameOutput output, RepairEncoder encoder, int codingBlocks) {
    this.output = output;
    this.encoder = encoder;
    this.codingBlocks = codingBlocks;
  }

  /** Sends round {@code round}'s repairs until done or {@code stopped}; returns the bytes sent. */
  long send(RoundAnswers answered, int round, BooleanSupplier stopped) throws IOException {
    if (encoder == null) {
      return resend(answered.union(), 0, Integer.MAX_VALUE, round, stopped);
    }
    long bytes = 0;
    CodingGroups groups = encoder.groups();
    int[] demand = answered.demand(groups.count(), codingBlocks);
    BitSet union = null;
    for (int g = 0; g < demand.length && !stopped.getAsBoolean(); g++) {
      int size = groups.end(g) - groups.first(g);
      if (demand[g] == 0) {
        continue;
      }
      if (demand[g] >= size || !encoder.canRepair(g, demand[g])) {
        union = union == null ? answered.union() : union;
        bytes += resend(union, groups.first(g), groups.end(g), round, stopped);
        continue;
      }
      for (int i = 0; i < demand[g]; i++) {
        bytes += output.repair(encoder, g, round);
      }
    }
    return bytes;
  }

  /** Sends the blocks of {@code missing} from {@code first} to {@code end - 1} again. */
  private long resend(BitSet missing, int first, int end, int round, BooleanSupplier stopped)
      throws IOException {
    long bytes = 0;
    for (int block = missing.nextSetBit(first);
        block >= 0 && block < end && !stopped.getAsBoolean();
        block = missing.nextSetBit(block + 1)) {
      bytes += output.data(block, round);
    }
    return bytes;
  }
}
