package io.mcbt.peer.session;

/** A block by piece index and block number inside the piece. */
record BlockKey(int piece, int block) {
  int begin() {
    return block * PieceDownload.BLOCK_BYTES;
  }
}
