package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.transfer.BlockLayout;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers a member's blocks in memory, in a buffer per piece for many pieces at once, so that a
 * piece whose gaps are mended soon after (the sender repairs during its pass) is still written
 * whole, past the page cache, and hashed where it is; the repair decoder reads a held piece's
 * blocks from here too. When every buffer is taken, the piece held longest goes to the store as it
 * is, and its later blocks go straight there; it is read back to be hashed. Without buffers (pieces
 * too large to hold) every block goes straight to the store.
 *
 * <p>Used by the receiving thread only; a piece's buffer comes back, once hashed, from the
 * verifying thread through {@link PieceBuffers}. One assembly serves one block layout: a sender
 * with another block size starts a new one, after {@link #spillAll()}.
 */
final class PieceAssembly {
  private final PieceTracker pieces;
  private final ReceivedBlocks blocks;
  private final BlockLayout layout;
  private final PieceBuffers buffers;
  private final Map<Integer, ByteBuffer> held = new LinkedHashMap<>();
  private final BitSet spilled = new BitSet();

  /**
   * The piece the last block went to, and its buffer: blocks come in order, so nearly every block
   * finds its buffer here, without boxing the piece number to look it up.
   */
  private int lastPiece = -1;

  private ByteBuffer lastBuffer;

  /** {@code buffers} is null when pieces are too large to hold. */
  PieceAssembly(PieceTracker pieces, ReceivedBlocks blocks, PieceBuffers buffers) {
    this.pieces = pieces;
    this.blocks = blocks;
    this.layout = blocks.layout();
    this.buffers = buffers;
  }

  /** Adds {@code block}'s remaining bytes at {@code offset} of {@code piece}, consuming them. */
  void write(int piece, int offset, ByteBuffer block) {
    ByteBuffer buffer = buffers == null || spilled.get(piece) ? null : bufferOf(piece);
    if (buffer == null) {
      pieces.writeBlock(piece, offset, block);
    } else {
      buffer.put(offset, block, block.position(), block.remaining());
    }
    block.position(block.limit());
  }

  /**
   * The piece's last block is in: when it was held whole, writes it to the store in one write and
   * hands its buffer over (position to limit: the piece) to be hashed and then given back to the
   * buffers; null when it is in the store already, to be read back.
   */
  ByteBuffer takeWhole(int piece) {
    forgetLast(piece);
    ByteBuffer buffer = held.remove(piece);
    if (buffer == null) {
      return null;
    }
    ByteBuffer whole = buffer.duplicate().position(0).limit(layout.pieceSize(piece));
    pieces.writeBlock(piece, 0, whole.duplicate());
    return whole;
  }

  /**
   * Fills {@code target}'s remaining bytes from {@code offset} of {@code piece}, consuming them.
   */
  void read(int piece, int offset, ByteBuffer target) {
    ByteBuffer buffer = held.get(piece);
    if (buffer == null) {
      pieces.store().readBlock(piece, offset, target);
    } else {
      target.put(target.position(), buffer, offset, target.remaining());
      target.position(target.limit());
    }
  }

  /** Whether {@code piece} waits in memory. */
  boolean holds(int piece) {
    return held.containsKey(piece);
  }

  /** Writes every held piece's blocks to the store: the session ends, or its layout changes. */
  void spillAll() {
    for (Iterator<Map.Entry<Integer, ByteBuffer>> it = held.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, ByteBuffer> entry = it.next();
      it.remove();
      spill(entry.getKey(), entry.getValue());
      buffers.give(entry.getValue());
    }
  }

  private ByteBuffer bufferOf(int piece) {
    if (piece == lastPiece) {
      return lastBuffer;
    }
    ByteBuffer buffer = held.get(piece);
    if (buffer == null) {
      buffer = freeBuffer();
      held.put(piece, buffer);
    }
    lastPiece = piece;
    lastBuffer = buffer;
    return buffer;
  }

  private void forgetLast(int piece) {
    if (piece == lastPiece) {
      lastPiece = -1;
      lastBuffer = null;
    }
  }

  /** A spare buffer, else the buffer of the piece held longest, spilled; else waits for one. */
  private ByteBuffer freeBuffer() {
    ByteBuffer buffer = buffers.poll();
    if (buffer != null) {
      return buffer;
    }
    Iterator<Map.Entry<Integer, ByteBuffer>> oldest = held.entrySet().iterator();
    if (!oldest.hasNext()) {
      return buffers.take(); // all are being hashed
    }
    Map.Entry<Integer, ByteBuffer> entry = oldest.next();
    oldest.remove();
    spill(entry.getKey(), entry.getValue());
    return entry.getValue().clear();
  }

  /** Writes the runs of blocks the piece has received, one write each. */
  private void spill(int piece, ByteBuffer buffer) {
    forgetLast(piece);
    int first = layout.firstBlockOf(piece);
    int end = first + layout.blockCountOf(piece);
    for (int block = first; block < end; ) {
      if (!blocks.has(block)) {
        block++;
        continue;
      }
      int runEnd = block + 1;
      while (runEnd < end && blocks.has(runEnd)) {
        runEnd++;
      }
      int from = layout.offsetOf(block);
      int to = layout.offsetOf(runEnd - 1) + layout.lengthOf(runEnd - 1);
      pieces.writeBlock(piece, from, buffer.duplicate().limit(to).position(from));
      block = runEnd;
    }
    spilled.set(piece);
  }
}
