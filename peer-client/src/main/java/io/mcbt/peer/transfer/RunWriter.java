package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceTracker;
import java.nio.ByteBuffer;

/**
 * Gathers consecutive blocks of a piece into one write, so that a clean stream of small datagrams
 * costs one positional write per run instead of one per block. A run that holds a whole piece can
 * be taken, written, to be hashed where it is rather than read back.
 */
final class RunWriter {
  private final PieceTracker pieces;
  private ByteBuffer run;
  private int piece = -1;
  private int start;

  /** Gathers runs in {@code run}, a direct buffer as large as a run may be. */
  RunWriter(PieceTracker pieces, ByteBuffer run) {
    this.pieces = pieces;
    this.run = run.clear();
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

  /** Whether the run is piece {@code piece} from its first byte to its last, {@code size}. */
  boolean holdsWhole(int piece, int size) {
    return piece == this.piece && start == 0 && run.position() == size;
  }

  /**
   * Writes the run and hands it over (position to limit: its bytes), gathering from now on in
   * {@code next}.
   */
  ByteBuffer takeRun(ByteBuffer next) {
    ByteBuffer taken = run.duplicate().flip();
    flush();
    run = next.clear();
    return taken;
  }

  /** Writes what is gathered of {@code piece}, if anything. */
  void flush(int piece) {
    if (piece == this.piece) {
      flush();
    }
  }

  void flush() {
    if (piece >= 0 && run.position() > 0) {
      pieces.writeBlock(piece, start, run.duplicate().flip());
    }
    run.clear();
    piece = -1;
  }
}
