package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateControlTest {
  private static final double CEILING = 10_000_000;
  private static final double STEP = CEILING / RateControl.STEPS_TO_CEILING;
  private static final double FLOOR = 128 * 1024;
  private static final double THRESHOLD = 0.05;
  private static final long HOLD_NS = 1_000_000_000;
  private static final long START_NS = 5_000_000_000_000L;

  /** What a sender that keeps its rate sent: its rate is what limits it. */
  private static final double KEPT = Double.MAX_VALUE;

  private static RateControl control(double start) {
    return new RateControl(CEILING, start, THRESHOLD, HOLD_NS);
  }

  @Test
  void lossAboveTheThresholdCutsAQuarterAtOnce() {
    RateControl control = control(8_000_000);
    assertEquals(6_000_000, control.feedback(0.2, 0, KEPT, START_NS), 1e-6);
    assertEquals(1, control.decreases());
  }

  @Test
  void lossIsAnsweredOncePerHoldTime() {
    RateControl control = control(8_000_000);
    control.feedback(0.2, 0, KEPT, START_NS);
    assertEquals(6_000_000, control.feedback(0.5, 0, KEPT, START_NS + HOLD_NS / 2), 1e-6);
    assertEquals(6_000_000, control.feedback(0.5, 0, KEPT, START_NS + HOLD_NS - 1), 1e-6);
    assertEquals(1, control.decreases());

    assertEquals(4_500_000, control.feedback(0.5, 0, KEPT, START_NS + HOLD_NS), 1e-6);
    assertEquals(2, control.decreases());
  }

  @Test
  void lossWithinTheHoldTimeDoesNotRaiseTheRateEither() {
    RateControl control = control(8_000_000);
    control.feedback(0.2, 0, KEPT, START_NS);
    assertEquals(6_000_000, control.feedback(0.06, 0, KEPT, START_NS + 1), 1e-6);
  }

  @Test
  void lossAtOrBelowTheThresholdGrowsByAFiftiethOfTheCeiling() {
    RateControl control = control(1_000_000);
    assertEquals(1_000_000 + STEP, control.feedback(0, 0, KEPT, START_NS), 1e-6);
    assertEquals(1_000_000 + 2 * STEP, control.feedback(THRESHOLD, 0, KEPT, START_NS + 1), 1e-6);
    assertEquals(1_000_000 + 3 * STEP, control.feedback(0.01, 0, KEPT, START_NS + 2), 1e-6);
    assertEquals(0, control.decreases());
  }

  @Test
  void neverAboveTheCeiling() {
    RateControl control = control(CEILING - STEP / 2);
    assertEquals(CEILING, control.feedback(0, 0, KEPT, START_NS), 1e-6);
    for (int i = 0; i < 100; i++) {
      control.feedback(0, 0, KEPT, START_NS + i);
    }
    assertEquals(CEILING, control.rate(), 1e-6);
  }

  @Test
  void fromTheFloorToTheCeilingInAtMostFiftySteps() {
    RateControl control = control(0);
    for (int i = 0; i < RateControl.STEPS_TO_CEILING; i++) {
      control.feedback(0, 0, KEPT, START_NS + i);
    }
    assertEquals(CEILING, control.rate(), 1e-6);
  }

  @Test
  void neverBelowTheFloor() {
    RateControl control = control(CEILING);
    long nowNs = START_NS;
    for (int i = 0; i < 100; i++) {
      control.feedback(1.0, 0, KEPT, nowNs);
      nowNs += HOLD_NS;
    }
    assertEquals(FLOOR, control.rate(), 1e-6);
    assertEquals(100, control.decreases());
  }

  @Test
  void theStartRateIsClamped() {
    assertEquals(CEILING, control(5 * CEILING).rate(), 1e-6);
    assertEquals(FLOOR, control(1_000).rate(), 1e-6);
    assertEquals(3_000_000, control(3_000_000).rate(), 1e-6);
  }

  @Test
  void aCeilingBelowTheUsualFloorIsTheFloorToo() {
    RateControl control = new RateControl(50_000, 10_000, THRESHOLD, HOLD_NS);
    assertEquals(50_000, control.rate(), 1e-6);
    assertEquals(50_000, control.feedback(1.0, 0, KEPT, START_NS), 1e-6);
    assertEquals(50_000, control.feedback(0, 0, KEPT, START_NS + 1), 1e-6);
  }

  @Test
  void aLagAboveTheTargetCutsASixthOncePerLag() {
    long lagNs = 2 * RateControl.LAG_TARGET_NS;
    RateControl control = new RateControl(CEILING, 6_000_000, THRESHOLD, 1_000);
    assertEquals(5_000_000, control.feedback(0, lagNs, KEPT, START_NS), 1e-6);
    assertEquals(5_000_000, control.feedback(0, lagNs, KEPT, START_NS + lagNs - 1), 1e-6);
    assertEquals(
        5_000_000 * RateControl.LAG_DECREASE,
        control.feedback(0, lagNs, KEPT, START_NS + lagNs),
        1e-6);
    assertEquals(2, control.decreases());
  }

  @Test
  void aLagBetweenHalfTheTargetAndTheTargetHoldsTheRate() {
    RateControl control = control(1_000_000);
    assertEquals(1_000_000, control.feedback(0, RateControl.LAG_TARGET_NS, KEPT, START_NS), 1e-6);
    assertEquals(
        1_000_000, control.feedback(0, RateControl.LAG_TARGET_NS / 2 + 1, KEPT, START_NS), 1e-6);
    assertEquals(
        1_000_000 + STEP,
        control.feedback(0, RateControl.LAG_TARGET_NS / 2, KEPT, START_NS + 1),
        1e-6);
    assertEquals(0, control.decreases());
  }

  @Test
  void lossOverThresholdWeighsMoreThanLag() {
    RateControl control = control(8_000_000);
    assertEquals(
        6_000_000, control.feedback(0.2, 10 * RateControl.LAG_TARGET_NS, KEPT, START_NS), 1e-6);
  }

  @Test
  void aCutStartsFromWhatWasSentWhenTheSenderFellShortOfItsRate() {
    RateControl control = control(8_000_000);
    assertEquals(
        4_000_000 * RateControl.LAG_DECREASE,
        control.feedback(0, 2 * RateControl.LAG_TARGET_NS, 4_000_000, START_NS),
        1e-6);
  }

  @Test
  void aSenderThatStalledIsCutFromAQuarterOfItsRateAtMost() {
    RateControl control = control(8_000_000);
    assertEquals(2_000_000 * RateControl.DECREASE, control.feedback(0.2, 0, 0, START_NS), 1e-6);
  }

  @Test
  void theRateGrowsOnlyWhileLessThanTwiceWhatWasSent() {
    RateControl control = control(4_000_000);
    assertEquals(4_000_000, control.feedback(0, 0, 1_900_000, START_NS), 1e-6);
    assertEquals(4_000_000 + STEP, control.feedback(0, 0, 2_100_000, START_NS + 1), 1e-6);
  }
}
