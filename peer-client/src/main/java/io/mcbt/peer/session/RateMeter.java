package io.mcbt.peer.session;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payload bytes one way on one connection, and their rate over a rolling window of the last {@link
 * #WINDOW_SAMPLES} sampling periods (20 s when the choker samples every 10 s, as in the original
 * client). Bytes are added from any thread; sampling happens under the swarm's lock.
 */
final class RateMeter {
  static final int WINDOW_SAMPLES = 2;

  private final AtomicLong total = new AtomicLong();
  private final long[] bytesAt = new long[WINDOW_SAMPLES + 1];
  private final long[] nanosAt = new long[WINDOW_SAMPLES + 1];
  private int oldest;
  private double bytesPerSecond;

  RateMeter(long nowNanos) {
    Arrays.fill(nanosAt, nowNanos);
  }

  void add(long bytes) {
    total.addAndGet(bytes);
  }

  long total() {
    return total.get();
  }

  /** Takes a sample at {@code nowNanos}: the rate is then that of the window ending now. */
  void sample(long nowNanos) {
    long bytes = total.get();
    long elapsedNanos = nowNanos - nanosAt[oldest];
    bytesPerSecond = elapsedNanos <= 0 ? 0 : (bytes - bytesAt[oldest]) * 1e9 / elapsedNanos;
    bytesAt[oldest] = bytes;
    nanosAt[oldest] = nowNanos;
    oldest = (oldest + 1) % bytesAt.length;
  }

  /** Bytes per second as of the last {@link #sample}. */
  double bytesPerSecond() {
    return bytesPerSecond;
  }
}
