package io.mcbt.metainfo;

/** Chooses a piece length for new torrents. */
public final class PieceLengths {
  public static final long MIN = 16 * 1024;
  public static final long MAX = 16 * 1024 * 1024;

  /**
   * Aim: at most about 2,000 pieces, so the torrent stays small, and at least about 1,000 when the
   * data is large enough, so peers can trade pieces early. The length is a power of two between 16
   * KiB (one request block) and 16 MiB.
   */
  private static final long TARGET_MAX_PIECES = 2000;

  private PieceLengths() {}

  public static long forTotalLength(long totalLength) {
    long length = MIN;
    while (length < MAX && length * TARGET_MAX_PIECES < totalLength) {
      length <<= 1;
    }
    return length;
  }

  /** Whether {@code length} may be chosen by hand: a power of two within bounds. */
  public static boolean isValid(long length) {
    return length >= MIN && length <= MAX && Long.bitCount(length) == 1;
  }
}
