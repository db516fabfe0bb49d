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
   * The worst member lost {@code lossRatio} of the blocks sent in the last interval, and the worst
   * lagged {@code lagNs} behind.
   */
  double feedback(double lossRatio, long lagNs, long nowNs) {
    if (lossRatio > lossThreshold) {
      decrease(DECREASE, holdNs, nowNs);
    } else if (lagNs > LAG_TARGET_NS) {
      decrease(LAG_DECREASE, Math.max(holdNs, lagNs), nowNs);
    } else if (lagNs <= LAG_TARGET_NS / 2) {
      rate = Math.min(ceiling, rate + step);
    }
    return rate;
  }

  private void decrease(double factor, long hold, long nowNs) {
    if (decreases == 0 || nowNs - lastDecreaseNs >= hold) {
      rate = Math.max(floor, rate * factor);
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
