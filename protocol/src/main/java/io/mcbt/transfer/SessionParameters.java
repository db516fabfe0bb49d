package io.mcbt.transfer;

/**
 * What every frame of one group session repeats in its header, so a member can start with any
 * frame: the session, the block size, and the coding group size (0: no repair blocks).
 */
public record SessionParameters(long session, int blockSize, int codingBlocks) {
  /** Largest coding group: data plus repair blocks of a group fit GF(2^8)'s 255 points. */
  public static final int MAX_CODING_BLOCKS = 128;

  public SessionParameters {
    if (blockSize <= 0 || blockSize > FrameHeader.MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("block size " + blockSize);
    }
    if (codingBlocks < 0 || codingBlocks > MAX_CODING_BLOCKS) {
      throw new IllegalArgumentException("coding group of " + codingBlocks + " blocks");
    }
  }
}
