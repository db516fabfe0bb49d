package io.mcbt.peer.transfer;

/**
 * AIMD on what members report: while the worst member of the group loses more than {@code
 * lossThreshold} of what was sent since the last status request, the rate drops by a quarter (at
 * most once per {@code holdNs}, so one burst of losses is answered once). While the worst member
 * lags more than {@link #LAG_TARGET_NS} behind (see {@link PassFeedback}), the rate drops by a
 * sixth, at most once per lag, the time a cut takes to show; a member that lags is about to fill
 * its socket buffer, and a lag is seen before any loss. Otherwise it grows by a fixed step, unless
 * a member lags more than half the target. It never exceeds the ceiling nor goes below the floor.
 * Random loss below the threshold is left to repairs: slowing down would not prevent it.
 *
 * <p>A sender that sends less than its rate (its own CPU is short, or a relay waits for pieces)
 * would grow the rate far past what it sends, and a cut of that rate would not slow it at all, so
 * members that lag would overflow their buffers all the same: cuts start from what was sent (or a
 * quarter of the rate, if less was sent), and the rate grows only while it is less than twice that.
 */
final class RateControl {
  static final double DECREASE = 0.75;
  static final double LAG_DECREASE = 5.0 / 6;
  static final int STEPS_TO_CEILING = 50;

  /**
   * A lag members may build: well under what their socket buffers hold (8 MiB are asked for, some
   * 150 ms at 50 MiB/s), and above a busy host's scheduling delays.
   */
  static final long LAG_TARGET_NS = 25_000_000;

  private final double ceiling;
  private final double floor;
  private final double step;
  private final double lossThreshold;
  private final long holdNs;
  private double rate;
  private long lastDecreaseNs;
  private int decreases;

  RateControl(
      double ceilingBytesPerSecond, double startBytesPerSecond, double lossThreshold, long holdNs) {
    this.ceiling = ceilingBytesPerSecond;
    this.floor = Math.min(ceilingBytesPerSecond, 128 * 1024);
    this.step = ceilingBytesPerSecond / STEPS_TO_CEILING;
    this.lossThreshold = lossThreshold;
    this.holdNs = holdNs;
    this.rate = Math.max(floor, Math.min(startBytesPerSecond, ceiling));
  }

  /**
   * The worst member lost {@code lossRatio} of the blocks sent in the last interval, the worst
   * lagged {@code lagNs} behind, and the sender sent {@code sentBytesPerSecond} meanwhile.
   */
  double feedback(double lossRatio, long lagNs, double sentBytesPerSecond, long nowNs) {
    if (lossRatio > lossThreshold) {
      decrease(DECREASE, holdNs, sentBytesPerSecond, nowNs);
    } else if (lagNs > LAG_TARGET_NS) {
      decrease(LAG_DECREASE, Math.max(holdNs, lagNs), sentBytesPerSecond, nowNs);
    } else if (lagNs <= LAG_TARGET_NS / 2 && rate < 2 * sentBytesPerSecond) {
      rate = Math.min(ceiling, rate + step);
    }
    return rate;
  }

  private void decrease(double factor, long hold, double sent, long nowNs) {
    if (decreases == 0 || nowNs - lastDecreaseNs >= hold) {
      // A stall of the sender's own (a collection, a busy host) must not cut it to nothing.
      rate = Math.max(floor, Math.min(rate, Math.max(sent, rate / 4)) * factor);
      lastDecreaseNs = nowNs;
      decreases++;
    }
  }

  double rate() {
    return rate;
  }

  int decreases() {
    return decreases;
  }
}
