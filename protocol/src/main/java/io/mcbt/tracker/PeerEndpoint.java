package io.mcbt.tracker;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a peer listens: an IPv4 or IPv6 address and a TCP port.
 *
 * @param address 4 or 16 bytes, network order
 * @param port 1 to 65535
 */
public record PeerEndpoint(byte[] address, int port) {
  public PeerEndpoint {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("an address is 4 or 16 bytes");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    address = address.clone();
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
    return address.length == 4;
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  /** Appends the BEP 23 (IPv4, 6 bytes) or BEP 7 (IPv6, 18 bytes) compact form. */
  public void writeCompact(byte[] out, int offset) {
    System.arraycopy(address, 0, out, offset, address.length);
    out[offset + address.length] = (byte) (port >>> 8);
    out[offset + address.length + 1] = (byte) port;
  }

  public int compactLength() {
    return address.length + 2;
  }

  public InetAddress inetAddress() {
    try {
      return InetAddress.getByAddress(address);
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
        && Arrays.equals(address, that.address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + port;
  }

  @Override
  public String toString() {
    return (isIpv4() ? host() : "[" + host() + "]") + ":" + port;
  }
}
