package io.mcbt.transfer;

/** Blocks {@code first} to {@code first + count - 1}. */
public record BlockRange(int first, int count) {
  public BlockRange {
    if (first < 0 || count <= 0 || (long) first + count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("block range " + first + "+" + count);
    }
  }

  public int end() {
    return first + count;
  }
}
