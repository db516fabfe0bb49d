package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long START_NS = 1_000_000_000_000L;
  private static final int DATAGRAM_BYTES = 1_000;

  /** Sends {@code count} datagrams, each after the wait it is given; returns the time taken. */
  private static long sendPaced(Pacer pacer, int count, long nowNs) {
    long startNs = nowNs;
    for (int i = 0; i < count; i++) {
      nowNs += pacer.reserve(DATAGRAM_BYTES, nowNs);
    }
    return nowNs - startNs;
  }

  @Test
  void waitsAddUpToTheBytesOverTheRate() {
    double rate = 3_000_000; // a datagram every 333,333.3 ns
    Pacer pacer = new Pacer(rate, 0, START_NS);
    int count = 10_000;

    long elapsedNs = sendPaced(pacer, count, START_NS);

    // The first datagram goes at once; the others each wait for their own bytes.
    double expectedNs = (count - 1) * DATAGRAM_BYTES / rate * 1e9;
    assertEquals(expectedNs, elapsedNs, expectedNs * 1e-5);
  }

  @Test
  void eachDatagramWaitsForThePreviousOnesBytes() {
    Pacer pacer = new Pacer(1_000_000, 0, START_NS); // 1 ms per datagram
    assertEquals(0, pacer.reserve(DATAGRAM_BYTES, START_NS));
    assertEquals(1_000_000, pacer.reserve(DATAGRAM_BYTES, START_NS));
    assertEquals(2_000_000, pacer.reserve(DATAGRAM_BYTES, START_NS));
    // Time passing pays for what was reserved.
    assertEquals(500_000, pacer.reserve(DATAGRAM_BYTES, START_NS + 2_500_000));
  }

  @Test
  void idleTimeBuysAtMostTheBurst() {
    long burstNs = 5_000_000; // five datagrams at 1 MB/s
    Pacer pacer = new Pacer(1_000_000, burstNs, START_NS);
    long nowNs = START_NS + 10_000_000_000L; // ten seconds idle

    int free = 0;
    while (pacer.reserve(DATAGRAM_BYTES, nowNs) == 0) {
      free++;
    }

    // The burst, plus the datagram any pacer lets through at once.
    assertEquals(burstNs / 1_000_000 + 1, free);
  }

  @Test
  void idleShorterThanTheBurstBuysOnlyThatIdleTime() {
    Pacer pacer = new Pacer(1_000_000, 5_000_000, START_NS);
    assertEquals(0, pacer.reserve(DATAGRAM_BYTES, START_NS)); // next free at +1 ms
    long nowNs = START_NS + 3_000_000; // 2 ms idle after that

    int free = 0;
    while (pacer.reserve(DATAGRAM_BYTES, nowNs) == 0) {
      free++;
    }

    assertEquals(3, free);
  }

  @Test
  void noBurstWithoutIdleTime() {
    Pacer pacer = new Pacer(1_000_000, 5_000_000, START_NS);
    long elapsedNs = sendPaced(pacer, 101, START_NS);
    assertEquals(100_000_000, elapsedNs);
  }

  @Test
  void aRateChangeTakesEffectForTheNextReservations() {
    Pacer pacer = new Pacer(1_000_000, 0, START_NS);
    long nowNs = START_NS + sendPaced(pacer, 11, START_NS);
    assertEquals(START_NS + 10_000_000, nowNs);

    pacer.rate(4_000_000);
    assertEquals(4_000_000, pacer.rate(), 1e-3);
    // The last datagram reserved at the old rate still holds the next one back a full 1 ms.
    long waitNs = pacer.reserve(DATAGRAM_BYTES, nowNs);
    assertEquals(1_000_000, waitNs);
    long elapsedNs = sendPaced(pacer, 100, nowNs + waitNs);

    assertEquals(100 * 250_000, elapsedNs);
  }

  @Test
  void slowingDownSpacesFurther() {
    Pacer pacer = new Pacer(4_000_000, 0, START_NS);
    long nowNs = START_NS + sendPaced(pacer, 10, START_NS);
    pacer.rate(500_000);
    nowNs += pacer.reserve(DATAGRAM_BYTES, nowNs); // pays the last datagram at 4 MB/s
    assertEquals(2_000_000, pacer.reserve(DATAGRAM_BYTES, nowNs));
  }

  @Test
  void aRateIsPositive() {
    assertThrows(IllegalArgumentException.class, () -> new Pacer(0, 0, START_NS));
    Pacer pacer = new Pacer(1, 0, START_NS);
    assertThrows(IllegalArgumentException.class, () -> pacer.rate(-1));
    assertThrows(IllegalArgumentException.class, () -> pacer.rate(Double.NaN));
  }
}
