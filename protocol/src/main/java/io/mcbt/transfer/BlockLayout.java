package io.mcbt.transfer;

/**
 * How a torrent is cut into the blocks a group session multicasts: each piece into blocks of {@code
 * blockSize} bytes (its last block shorter), numbered across the torrent so that NACKs and coding
 * groups can name them with one integer. Piece {@code p}'s blocks are {@code p * blocksPerPiece}
 * onward.
 *
 * @param totalLength the torrent's length in bytes
 * @param pieceLength the torrent's piece length
 * @param blockSize payload bytes per block
 */
public record BlockLayout(long totalLength, int pieceLength, int blockSize) {
  public BlockLayout {
    if (totalLength <= 0 || pieceLength <= 0 || blockSize <= 0) {
      throw new IllegalArgumentException("lengths and sizes are positive");
    }
    if (blockCount(totalLength, pieceLength, blockSize) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("more blocks than an int counts: use a larger block size");
    }
  }

  private static long blockCount(long totalLength, int pieceLength, int blockSize) {
    long pieces = (totalLength + pieceLength - 1) / pieceLength;
    long lastPiece = totalLength - (pieces - 1) * pieceLength;
    long perPiece = (pieceLength + blockSize - 1) / blockSize;
    return (pieces - 1) * perPiece + (lastPiece + blockSize - 1) / blockSize;
  }

  public int pieceCount() {
    return (int) ((totalLength + pieceLength - 1) / pieceLength);
  }

  public int blocksPerPiece() {
    return (pieceLength + blockSize - 1) / blockSize;
  }

  public int blockCount() {
    return (int) blockCount(totalLength, pieceLength, blockSize);
  }

  public int pieceSize(int piece) {
    return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
  }

  public int pieceOf(int block) {
    return block / blocksPerPiece();
  }

  public int offsetOf(int block) {
    return (block % blocksPerPiece()) * blockSize;
  }

  public int lengthOf(int block) {
    return Math.min(blockSize, pieceSize(pieceOf(block)) - offsetOf(block));
  }

  public int firstBlockOf(int piece) {
    return piece * blocksPerPiece();
  }

  public int blockCountOf(int piece) {
    return (pieceSize(piece) + blockSize - 1) / blockSize;
  }

  /**
   * The block at {@code offset} of {@code piece} if it is one, with {@code length} its length; -1
   * for anything a sender of this layout would not send.
   */
  public int blockAt(int piece, int offset, int length) {
    if (piece < 0 || piece >= pieceCount() || offset < 0 || offset % blockSize != 0) {
      return -1;
    }
    int size = pieceSize(piece);
    if (offset >= size || length != Math.min(blockSize, size - offset)) {
      return -1;
    }
    return firstBlockOf(piece) + offset / blockSize;
  }
}
