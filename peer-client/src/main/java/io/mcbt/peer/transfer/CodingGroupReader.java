package io.mcbt.peer.transfer;

import io.mcbt.transfer.BlockLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads a coding group's blocks into one array per block, with one read per piece the group spans
 * rather than one per block: a member mends thousands of groups after a lossy pass, and a read per
 * block was most of what that cost. What a short block lacks is zeros, as the code takes it.
 */
final class CodingGroupReader {
  /** Where blocks are read from: a store, or a member's pieces in memory and on disk. */
  @FunctionalInterface
  interface Source {
    /** Fills {@code target}'s remaining bytes from {@code offset} of {@code piece}. */
    void read(int piece, int offset, ByteBuffer target);
  }

  private final BlockLayout layout;
  private final Source source;
  private final ByteBuffer span;

  CodingGroupReader(BlockLayout layout, Source source, int blocksPerGroup) {
    this.layout = layout;
    this.source = source;
    this.span = ByteBuffer.allocateDirect(blocksPerGroup * layout.blockSize());
  }

  /**
   * Reads blocks {@code first} to {@code end - 1} into {@code data[block - first]}, those that
   * {@code wanted} names only (all when it is null).
   */
  void read(int first, int end, byte[][] data, boolean[] wanted) {
    for (int block = first; block < end; ) {
      int piece = layout.pieceOf(block);
      int pieceEnd = Math.min(end, layout.firstBlockOf(piece) + layout.blockCountOf(piece));
      int low = -1;
      int high = -1;
      for (int b = block; b < pieceEnd; b++) {
        if (wanted == null || wanted[b - first]) {
          low = low < 0 ? b : low;
          high = b;
        }
      }
      if (low >= 0) {
        readSpan(piece, low, high, first, data, wanted);
      }
      block = pieceEnd;
    }
  }

  /** Blocks {@code low} to {@code high} of {@code piece}, in one read. */
  private void readSpan(int piece, int low, int high, int first, byte[][] data, boolean[] wanted) {
    int from = layout.offsetOf(low);
    span.clear().limit(layout.offsetOf(high) + layout.lengthOf(high) - from);
    source.read(piece, from, span);
    for (int b = low; b <= high; b++) {
      if (wanted == null || wanted[b - first]) {
        byte[] target = data[b - first];
        int length = layout.lengthOf(b);
        span.get(layout.offsetOf(b) - from, target, 0, length);
        Arrays.fill(target, length, target.length, (byte) 0);
      }
    }
  }
}
