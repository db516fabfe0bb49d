package io.mcbt.peer.session;

import java.util.BitSet;

/** The blocks of one piece being downloaded: which are asked for, and which have arrived. */
final class PieceDownload {
  /** BEP 3 custom; larger requests are refused by most clients. */
  static final int BLOCK_BYTES = 16 * 1024;

  private final int piece;
  private final int pieceBytes;
  private final int blockCount;
  private final int[] requests;
  private final BitSet received;

  PieceDownload(int piece, int pieceBytes) {
    this.piece = piece;
    this.pieceBytes = pieceBytes;
    this.blockCount = (pieceBytes + BLOCK_BYTES - 1) / BLOCK_BYTES;
    this.requests = new int[blockCount];
    this.received = new BitSet(blockCount);
  }

  int piece() {
    return piece;
  }

  int blockCount() {
    return blockCount;
  }

  int blockLength(int block) {
    return Math.min(BLOCK_BYTES, pieceBytes - block * BLOCK_BYTES);
  }

  /** The first block from {@code from} on neither received nor asked of anyone, or -1. */
  int nextUnrequested(int from) {
    for (int block = received.nextClearBit(from); block < blockCount; block++) {
      if (!received.get(block) && requests[block] == 0) {
        return block;
      }
    }
    return -1;
  }

  boolean isReceived(int block) {
    return received.get(block);
  }

  void requested(int block) {
    requests[block]++;
  }

  /** A request was dropped: the peer choked us or went away. */
  void unrequested(int block) {
    if (requests[block] > 0) {
      requests[block]--;
    }
  }

  /** Marks the block received; false if it already was. */
  boolean receive(int block) {
    if (received.get(block)) {
      return false;
    }
    received.set(block);
    return true;
  }

  boolean isComplete() {
    return received.cardinality() == blockCount;
  }

  /** Whether a block at byte {@code begin} with {@code length} bytes is one of ours. */
  boolean isBlock(int begin, int length) {
    return begin >= 0
        && begin % BLOCK_BYTES == 0
        && begin / BLOCK_BYTES < blockCount
        && length == blockLength(begin / BLOCK_BYTES);
  }
}
