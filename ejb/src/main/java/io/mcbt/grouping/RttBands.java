package io.mcbt.grouping;

import java.util.Arrays;

/**
 * RTT bands: leechers whose RTT to the sender falls in the same band may share a group. The default
 * is logarithmic (under 1 ms, 1-2, 2-4, 4-8 ... ms), since a timer that suits 3 ms suits 3.9 ms but
 * not 30 ms.
 */
public final class RttBands {
  private final long[] upperBoundsNs;

  /**
   * @param upperBoundsMs strictly increasing upper bounds; a last, open band follows them
   */
  public RttBands(double... upperBoundsMs) {
    if (upperBoundsMs.length == 0) {
      throw new IllegalArgumentException("at least one band boundary");
    }
    upperBoundsNs = new long[upperBoundsMs.length];
    for (int i = 0; i < upperBoundsMs.length; i++) {
      upperBoundsNs[i] = Math.round(upperBoundsMs[i] * 1_000_000);
      if (upperBoundsNs[i] <= 0 || (i > 0 && upperBoundsNs[i] <= upperBoundsNs[i - 1])) {
        throw new IllegalArgumentException("band boundaries must be positive and increasing");
      }
    }
  }

  /** Under 1 ms, then doubling up to 1,024 ms, then everything slower. */
  public static RttBands logarithmic() {
    double[] bounds = new double[11];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = 1 << i;
    }
    return new RttBands(bounds);
  }

  /** Parses a comma-separated list of upper bounds in milliseconds, e.g. {@code "1,2,4,8"}. */
  public static RttBands parse(String upperBoundsMs) {
    try {
      return new RttBands(
          Arrays.stream(upperBoundsMs.split(","))
              .map(String::trim)
              .mapToDouble(Double::parseDouble)
              .toArray());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "RTT bands must be numbers of milliseconds: " + upperBoundsMs);
    }
  }

  /** The band of an RTT: 0 for the fastest. */
  public int bandOf(long rttNs) {
    for (int band = 0; band < upperBoundsNs.length; band++) {
      if (rttNs < upperBoundsNs[band]) {
        return band;
      }
    }
    return upperBoundsNs.length;
  }

  /** The slowest RTT of a band (the open last band reports its lower bound times two). */
  public long upperBoundNs(int band) {
    return band < upperBoundsNs.length
        ? upperBoundsNs[band]
        : upperBoundsNs[upperBoundsNs.length - 1] * 2;
  }

  public int count() {
    return upperBoundsNs.length + 1;
  }
}
