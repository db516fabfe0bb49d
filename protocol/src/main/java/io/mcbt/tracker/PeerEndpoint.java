package io.mcbt.tracker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a peer listens: an IPv4 or IPv6 address and a TCP port.
 *
 * <p>An IPv4 address is kept as an {@code int}, not an array: a tracker holds one endpoint per
 * peer, and an array would be one more object per peer for the garbage collector.
 */
public final class PeerEndpoint {
  private final int ipv4;
  private final byte[] ipv6;
  private final int port;

  /**
   * @param address 4 or 16 bytes, network order
   * @param port 1 to 65535
   */
  public PeerEndpoint(byte[] address, int port) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("an address is 4 or 16 bytes");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    this.ipv4 =
        address.length == 4
            ? (address[0] & 0xff) << 24
                | (address[1] & 0xff) << 16
                | (address[2] & 0xff) << 8
                | (address[3] & 0xff)
            : 0;
    this.ipv6 = address.length == 16 ? address.clone() : null;
    this.port = port;
  }

  public static PeerEndpoint of(InetAddress address, int port) {
    if (address instanceof Inet6Address v6 && isMappedV4(v6.getAddress())) {
      return new PeerEndpoint(Arrays.copyOfRange(v6.getAddress(), 12, 16), port);
    }
    return new PeerEndpoint(address.getAddress(), port);
  }

  private static boolean isMappedV4(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
  }

  public boolean isIpv4() {
    return ipv6 == null;
  }

  /** 4 or 16 bytes, network order. */
  public byte[] address() {
    return isIpv4()
        ? new byte[] {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4}
        : ipv6.clone();
  }

  public int port() {
    return port;
  }

  /** Writes the BEP 23 (IPv4, 6 bytes) or BEP 7 (IPv6, 18 bytes) compact form at {@code offset}. */
  public void writeCompact(byte[] out, int offset) {
    int at = offset;
    if (isIpv4()) {
      out[at++] = (byte) (ipv4 >>> 24);
      out[at++] = (byte) (ipv4 >>> 16);
      out[at++] = (byte) (ipv4 >>> 8);
      out[at++] = (byte) ipv4;
    } else {
      System.arraycopy(ipv6, 0, out, at, ipv6.length);
      at += ipv6.length;
    }
    out[at] = (byte) (port >>> 8);
    out[at + 1] = (byte) port;
  }

  public int compactLength() {
    return isIpv4() ? 6 : 18;
  }

  public InetAddress inetAddress() {
    try {
      return InetAddress.getByAddress(address());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes always make an address", e);
    }
  }

  /** The address as text, IPv6 without brackets. */
  public String host() {
    return inetAddress().getHostAddress();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PeerEndpoint that
        && port == that.port
        && ipv4 == that.ipv4
        && Arrays.equals(ipv6, that.ipv6);
  }

  @Override
  public int hashCode() {
    return 31 * (isIpv4() ? ipv4 : Arrays.hashCode(ipv6)) + port;
  }

  @Override
  public String toString() {
    return (isIpv4() ? host() : "[" + host() + "]") + ":" + port;
  }
}
