package io.mcbt.peer.transfer;

/**
 * AIMD on the losses members report: while the worst member of the group loses more than {@code
 * lossThreshold} of what was sent since the last status request, the rate drops by a quarter (at
 * most once per {@code holdNs}, so one burst of losses is answered once); otherwise it grows by a
 * fixed step. It never exceeds the ceiling nor goes below the floor. Random loss below the
 * threshold is left to repairs: slowing down would not prevent it.
 */
final class RateControl {
  static final double DECREASE = 0.75;
  static final int STEPS_TO_CEILING = 50;

  private final double ceiling;
  private final double floor;
  private final double step;
  private final double lossThreshold;
  private final long holdNs;
  private double rate;
  private long lastDecreaseNs;
  private int decreases;

  RateControl(
      double ceilingBytesPerSecond,
      double startBytesPerSecond,
      double lossThreshold,
      long holdNs,
      long nowNs) {
    this.ceiling = ceilingBytesPerSecond;
    this.floor = Math.min(ceilingBytesPerSecond, 128 * 1024);
    this.step = ceilingBytesPerSecond / STEPS_TO_CEILING;
    this.lossThreshold = lossThreshold;
    this.holdNs = holdNs;
    this.rate = Math.max(floor, Math.min(startBytesPerSecond, ceiling));
    this.lastDecreaseNs = nowNs - holdNs;
  }

  /** The worst member lost {@code lossRatio} of the blocks sent in the last interval. */
  double feedback(double lossRatio, long nowNs) {
    if (lossRatio > lossThreshold) {
      if (nowNs - lastDecreaseNs >= holdNs) {
        rate = Math.max(floor, rate * DECREASE);
        lastDecreaseNs = nowNs;
        decreases++;
      }
    } else {
      rate = Math.min(ceiling, rate + step);
    }
    return rate;
  }

  double rate() {
    return rate;
  }

  int decreases() {
    return decreases;
  }
}
