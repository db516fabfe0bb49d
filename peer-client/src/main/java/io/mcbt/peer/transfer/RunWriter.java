package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceTracker;
import java.nio.ByteBuffer;

/**
 * Gathers consecutive blocks of a piece into one write, so that a clean stream of small datagrams
 * costs one positional write per run instead of one per block.
 */
final class RunWriter {
  private final PieceTracker pieces;
  private final ByteBuffer run;
  private int piece = -1;
  private int start;

  RunWriter(PieceTracker pieces, int capacity) {
    this.pieces = pieces;
    this.run = ByteBuffer.allocateDirect(capacity);
  }

  /** Adds {@code block}'s remaining bytes at {@code offset} of {@code piece}. */
  void write(int piece, int offset, ByteBuffer block) {
    boolean follows = piece == this.piece && offset == start + run.position();
    if (!follows || run.remaining() < block.remaining()) {
      flush();
      this.piece = piece;
      this.start = offset;
    }
    if (run.remaining() < block.remaining()) {
      pieces.writeBlock(piece, offset, block); // larger than a run: straight through
      this.piece = -1;
      return;
    }
    run.put(block);
  }

  /** Writes what is gathered of {@code piece}, if anything. */
  void flush(int piece) {
    if (piece == this.piece) {
      flush();
    }
  }

  void flush() {
    if (piece >= 0 && run.position() > 0) {
      run.flip();
      pieces.writeBlock(piece, start, run);
    }
    run.clear();
    piece = -1;
  }
}
