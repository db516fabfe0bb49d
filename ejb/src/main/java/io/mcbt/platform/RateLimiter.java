package io.mcbt.platform;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests per client address, limited by the generic cell rate algorithm (GCRA, the token bucket
 * written as one number): each address has a theoretical arrival time, a request pushes it one
 * emission interval further, and a request that would push it beyond {@code burst} intervals ahead
 * of now is refused.
 *
 * <p>Memory is fixed: a table of {@code slots} addresses (two longs each), found by hash with a
 * short probe. An address whose time is past is as good as absent, so its slot is reused; when
 * every slot of a probe is busy, the one closest to expiry is taken over, which hands the newcomer
 * a full bucket: the table can only err on the lenient side, never refuse an address that is within
 * its rate. A check takes no lock and allocates nothing (for IPv4), so it sits on the tracker's hot
 * path.
 *
 * <p>IPv6 clients are counted per /64, the block a single host or home usually gets.
 */
public final class RateLimiter {
  private static final int PROBE = 4;
  private static final long EMPTY = 0;

  private final long intervalNs;
  private final long burstNs;
  private final int mask;
  private final AtomicLongArray keys;
  private final AtomicLongArray arrivals;

  /**
   * @param perSecond sustained requests per second per address; 0 or less: no limit
   * @param burst requests an address may make at once (at least 1)
   * @param slots addresses remembered at most (rounded up to a power of two)
   */
  public RateLimiter(double perSecond, int burst, int slots) {
    this.intervalNs = perSecond <= 0 ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    this.burstNs = intervalNs * Math.max(1, burst);
    int size = Integer.highestOneBit(Math.max(PROBE, slots - 1)) << 1;
    this.mask = size - 1;
    this.keys = new AtomicLongArray(perSecond <= 0 ? 0 : size);
    this.arrivals = new AtomicLongArray(perSecond <= 0 ? 0 : size);
  }

  /** Whether there is a limit at all. */
  public boolean enabled() {
    return intervalNs > 0;
  }

  /**
   * Counts one request from {@code key} (see {@link #keyOf(InetAddress)}) at {@code nowNs}.
   *
   * @return 0 if it is allowed, else how many nanoseconds until one would be
   */
  public long acquire(long key, long nowNs) {
    if (intervalNs == 0) {
      return 0;
    }
    long stored = key == EMPTY ? 1 : key;
    int home = spread(stored) & mask;
    int victim = home;
    long victimAheadNs = Long.MAX_VALUE;
    for (int i = 0; i < PROBE; i++) {
      int at = (home + i) & mask;
      long held = keys.get(at);
      if (held == stored) {
        return take(at, nowNs);
      }
      // Free slots first, then those whose time has passed, then the one nearest to it.
      long aheadNs = held == EMPTY ? Long.MIN_VALUE : arrivals.get(at) - nowNs;
      if (aheadNs < victimAheadNs) {
        victim = at;
        victimAheadNs = aheadNs;
      }
    }
    // A newcomer: a full bucket, less this request.
    arrivals.set(victim, nowNs + intervalNs);
    keys.set(victim, stored);
    return 0;
  }

  private long take(int at, long nowNs) {
    while (true) {
      long arrival = arrivals.get(at);
      long next = Math.max(arrival - nowNs, 0) + nowNs + intervalNs;
      long aheadNs = next - nowNs;
      if (aheadNs > burstNs) {
        return aheadNs - burstNs;
      }
      if (arrivals.compareAndSet(at, arrival, next)) {
        return 0;
      }
    }
  }

  /** A key per IPv4 address or IPv6 /64; never 0. */
  public static long keyOf(InetAddress address) {
    if (address instanceof Inet4Address) {
      // Inet4Address.hashCode() is the address itself: no copy of its bytes.
      return 0x1_0000_0000L | (address.hashCode() & 0xFFFF_FFFFL);
    }
    return keyOf(address.getAddress());
  }

  /** The same key from 4 or 16 address bytes in network order. */
  public static long keyOf(byte[] address) {
    if (address.length == 4) {
      return 0x1_0000_0000L
          | (address[0] & 0xFFL) << 24
          | (address[1] & 0xFFL) << 16
          | (address[2] & 0xFFL) << 8
          | (address[3] & 0xFFL);
    }
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      prefix = prefix << 8 | (address[i] & 0xFFL);
    }
    // Keep IPv6 keys apart from IPv4 ones (whose bits 33 to 63 are zero).
    return prefix | 1L << 62;
  }

  private static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }
}
