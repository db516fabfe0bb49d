package io.mcbt.peer.transfer;

import io.mcbt.transfer.BlockLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a member's lost blocks from repair blocks: it keeps the repair blocks of a coding group
 * in which blocks are missing until there are as many as missing blocks, then reads the group's
 * other blocks (from memory while their pieces are held there), solves for the lost ones, and
 * writes them. Repair blocks for a group that lacks nothing are dropped at once, so memory stays in
 * proportion to the losses.
 */
final class RepairDecoder {
  private final CodingGroups groups;
  private final ReceivedBlocks blocks;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final byte[][] data;
  private final boolean[] present;
  private final CodingGroupReader reader;
  private final PieceAssembly assembly;
  private final List<Integer> completedPieces = new ArrayList<>();
  private long repaired;

  private static final class Pending {
    int[] indices = new int[4];
    byte[][] repairs = new byte[4][];
    int count;

    boolean has(int index) {
      for (int i = 0; i < count; i++) {
        if (indices[i] == index) {
          return true;
        }
      }
      return false;
    }

    void add(int index, byte[] repair) {
      if (count == indices.length) {
        indices = Arrays.copyOf(indices, 2 * count);
        repairs = Arrays.copyOf(repairs, 2 * count);
      }
      indices[count] = index;
      repairs[count++] = repair;
    }
  }

  RepairDecoder(BlockLayout layout, int k, ReceivedBlocks blocks, PieceAssembly assembly) {
    this.groups = new CodingGroups(layout, k);
    this.blocks = blocks;
    this.data = new byte[k][layout.blockSize()];
    this.present = new boolean[k];
    this.assembly = assembly;
    this.reader = new CodingGroupReader(layout, assembly::read, k);
  }

  /**
   * Takes repair block {@code index} of {@code group} (the buffer's remaining bytes); false when it
   * is of no use (nothing missing there, a copy, or out of range).
   */
  boolean accept(int group, int index, ByteBuffer repair) {
    int blockSize = groups.layout().blockSize();
    if (group < 0
        || group >= groups.count()
        || index < 0
        || index >= groups.code(group).maxRepairBlocks()
        || repair.remaining() != blockSize) {
      return false;
    }
    int first = groups.first(group);
    int end = groups.end(group);
    int missing = blocks.missingBetween(first, end);
    if (missing == 0) {
      pending.remove(group);
      return false;
    }
    Pending held = pending.computeIfAbsent(group, g -> new Pending());
    if (held.has(index)) {
      return false;
    }
    byte[] copy = new byte[blockSize];
    repair.get(copy);
    held.add(index, copy);
    if (held.count >= missing) {
      decode(group, held);
      pending.remove(group);
    }
    return true;
  }

  /** Pieces whose last blocks a decode just wrote, each reported once. */
  List<Integer> completedPieces() {
    List<Integer> done = List.copyOf(completedPieces);
    completedPieces.clear();
    return done;
  }

  long repaired() {
    return repaired;
  }

  /**
   * Rebuilds the group's lost blocks. It has no loop of its own: C2 compiled it, with the store's
   * reads and writes inlined, several times a session in each member, which was a good part of the
   * compiler's third of the CPU time of a lossy session.
   */
  private void decode(int group, Pending held) {
    int first = groups.first(group);
    int k = groups.end(group) - first;
    // The last coding group may be shorter, and its last block too: the code takes what is
    // not there as zeros.
    byte[][] data = k == this.data.length ? this.data : Arrays.copyOf(this.data, k);
    boolean[] present = k == this.present.length ? this.present : new boolean[k];
    int[] lost = blocks.presence(first, present);
    reader.read(first, first + k, data, present);
    groups
        .code(group)
        .decode(
            data,
            present,
            Arrays.copyOf(held.indices, held.count),
            Arrays.copyOf(held.repairs, held.count),
            groups.layout().blockSize());
    store(first, lost, data);
  }

  /** Writes blocks {@code first + lost[i]} from {@code data[lost[i]]}, then counts them in. */
  private void store(int first, int[] lost, byte[][] data) {
    BlockLayout layout = groups.layout();
    for (int j : lost) {
      int block = first + j;
      assembly.write(
          layout.pieceOf(block),
          layout.offsetOf(block),
          ByteBuffer.wrap(data[j], 0, layout.lengthOf(block)));
    }
    for (int j : lost) {
      repaired++;
      if (blocks.mark(first + j)) {
        completedPieces.add(layout.pieceOf(first + j));
      }
    }
  }
}
