package io.mcbt.grouping;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out multicast address and port pairs from a configured range, never the same pair to two
 * live groups. Consecutive groups get different addresses (not only different ports), so that
 * switches with IGMP snooping keep their traffic apart.
 */
public final class AddressPool {
  /**
   * Where pairs are taken beyond this pool's own memory: in a cluster, a shared registry, so that
   * no two instances ever hand out the same pair, even while a coordinator hands over.
   */
  public interface Claims {
    /** Takes the pair if nobody holds it; false if somebody does. */
    boolean claim(String pair);

    void release(String pair);

    /** Nothing beyond this pool: a single instance. */
    Claims NONE =
        new Claims() {
          @Override
          public boolean claim(String pair) {
            return true;
          }

          @Override
          public void release(String pair) {}
        };
  }

  private final int firstAddress;
  private final int addressCount;
  private final int firstPort;
  private final int portCount;
  private final Set<Long> live = new HashSet<>();
  private Claims claims = Claims.NONE;
  private long cursor;

  /**
   * @param range an IPv4 multicast block in CIDR form, e.g. {@code 239.192.0.0/16}
   * @param ports a port range, e.g. {@code 40000-40999}
   */
  public AddressPool(String range, String ports) {
    String[] cidr = range.trim().split("/");
    int prefix = cidr.length == 2 ? Integer.parseInt(cidr[1]) : 32;
    int base = toInt(parseMulticast(cidr[0]));
    if (prefix < 4 || prefix > 32) {
      throw new IllegalArgumentException("prefix length must be between 4 and 32: " + range);
    }
    int mask = prefix == 32 ? -1 : ~(-1 >>> prefix);
    this.firstAddress = base & mask;
    this.addressCount = (int) Math.min(1L << (32 - prefix), Integer.MAX_VALUE);
    String[] bounds = ports.trim().split("-");
    this.firstPort = Integer.parseInt(bounds[0].trim());
    int lastPort = Integer.parseInt(bounds[bounds.length - 1].trim());
    if (firstPort < 1024 || lastPort > 65535 || lastPort < firstPort) {
      throw new IllegalArgumentException("ports must be a range within 1024-65535: " + ports);
    }
    this.portCount = lastPort - firstPort + 1;
  }

  /** Takes pairs in {@code claims} as well from now on. */
  public synchronized AddressPool sharedThrough(Claims claims) {
    this.claims = claims;
    return this;
  }

  /**
   * A pair no live group uses.
   *
   * @throws IllegalStateException when every pair is in use
   */
  public synchronized MulticastAddress allocate(int ttl) {
    long pairs = (long) addressCount * portCount;
    for (long tried = 0; tried < pairs; tried++) {
      long pair = cursor++ % pairs;
      int address = firstAddress + (int) (pair % addressCount);
      int port = firstPort + (int) (pair / addressCount);
      if (!usable(address)) {
        continue;
      }
      long key = (long) address << 16 | port;
      if (!live.add(key)) {
        continue;
      }
      MulticastAddress candidate = new MulticastAddress(toAddress(address), port, ttl);
      if (claims.claim(candidate.pair())) {
        return candidate;
      }
      live.remove(key);
    }
    throw new IllegalStateException("every multicast address and port of the pool is in use");
  }

  /** Gives a pair back when its group has ended. */
  public synchronized void release(MulticastAddress address) {
    if (live.remove(key(address))) {
      claims.release(address.pair());
    }
  }

  /** Marks a pair of a group taken over from another instance as in use (it stays claimed). */
  public synchronized void claim(MulticastAddress address) {
    live.add(key(address));
    claims.claim(address.pair());
  }

  private static long key(MulticastAddress address) {
    return (long) toInt(address.group()) << 16 | address.port();
  }

  public synchronized int liveCount() {
    return live.size();
  }

  /** .0 and .255 are avoided: some equipment treats them as network or broadcast addresses. */
  private static boolean usable(int address) {
    int last = address & 0xff;
    return last != 0 && last != 255;
  }

  private static Inet4Address parseMulticast(String text) {
    try {
      InetAddress address = InetAddress.getByName(text.trim());
      if (address instanceof Inet4Address v4 && v4.isMulticastAddress()) {
        return v4;
      }
    } catch (UnknownHostException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an IPv4 multicast address: " + text);
  }

  private static int toInt(Inet4Address address) {
    byte[] b = address.getAddress();
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static Inet4Address toAddress(int value) {
    try {
      return (Inet4Address)
          InetAddress.getByAddress(
              new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
              });
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes always make an address", e);
    }
  }
}
