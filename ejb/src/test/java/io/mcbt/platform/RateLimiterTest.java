package io.mcbt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long ALICE = RateLimiter.keyOf(new byte[] {10, 0, 0, 1});
  private static final long BOB = RateLimiter.keyOf(new byte[] {10, 0, 0, 2});

  @Test
  void aBurstIsAllowedThenTheRate() {
    RateLimiter limiter = new RateLimiter(2, 5, 1024);
    long now = 1_000 * SECOND;
    for (int i = 0; i < 5; i++) {
      assertEquals(0, limiter.acquire(ALICE, now), "request " + i + " of the burst");
    }
    long retryNs = limiter.acquire(ALICE, now);
    assertTrue(retryNs > 0 && retryNs <= SECOND / 2, "one interval at most: " + retryNs);
    assertEquals(0, limiter.acquire(ALICE, now + retryNs), "allowed once the wait is over");
    assertTrue(limiter.acquire(ALICE, now + retryNs) > 0, "but only one");
    // Ten seconds later: 20 more allowed by the rate, but only a burst of 5 at once.
    long later = now + 10 * SECOND;
    int allowed = 0;
    while (limiter.acquire(ALICE, later) == 0) {
      allowed++;
    }
    assertEquals(5, allowed);
  }

  @Test
  void addressesHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(1, 1, 1024);
    assertEquals(0, limiter.acquire(ALICE, SECOND));
    assertTrue(limiter.acquire(ALICE, SECOND) > 0);
    assertEquals(0, limiter.acquire(BOB, SECOND));
  }

  @Test
  void noRateMeansNoLimit() {
    RateLimiter limiter = new RateLimiter(0, 1, 1024);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, limiter.acquire(ALICE, SECOND));
    }
  }

  @Test
  void aFullTableForgetsInFavourOfTheNewcomerNeverAgainstAnAddressWithinItsRate() {
    RateLimiter limiter = new RateLimiter(1, 1, 64);
    long now = 5 * SECOND;
    // Far more addresses than slots, each once: all within their rate, so all allowed.
    for (int i = 0; i < 100_000; i++) {
      long key = RateLimiter.keyOf(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
      assertEquals(0, limiter.acquire(key, now), "address " + i);
    }
  }

  @Test
  void anAddressThatKeepsAskingIsRefusedWhileOthersPassThrough() {
    RateLimiter limiter = new RateLimiter(10, 10, 4096);
    long now = 7 * SECOND;
    int refused = 0;
    for (int i = 0; i < 1_000; i++) {
      long other = RateLimiter.keyOf(new byte[] {10, 1, (byte) (i >> 8), (byte) i});
      assertEquals(0, limiter.acquire(other, now));
      if (limiter.acquire(ALICE, now) > 0) {
        refused++;
      }
    }
    assertEquals(990, refused);
  }

  @Test
  void keysAreThePerAddressOrPerSlash64() throws Exception {
    assertEquals(
        RateLimiter.keyOf(InetAddress.getByName("192.0.2.7")),
        RateLimiter.keyOf(new byte[] {(byte) 192, 0, 2, 7}));
    assertNotEquals(
        RateLimiter.keyOf(InetAddress.getByName("192.0.2.7")),
        RateLimiter.keyOf(InetAddress.getByName("192.0.2.8")));
    assertEquals(
        RateLimiter.keyOf(InetAddress.getByName("2001:db8:1:2::1")),
        RateLimiter.keyOf(InetAddress.getByName("2001:db8:1:2:ffff::9")));
    assertNotEquals(
        RateLimiter.keyOf(InetAddress.getByName("2001:db8:1:2::1")),
        RateLimiter.keyOf(InetAddress.getByName("2001:db8:1:3::1")));
    assertNotEquals(0, RateLimiter.keyOf(InetAddress.getByName("0.0.0.0")));
  }
}
