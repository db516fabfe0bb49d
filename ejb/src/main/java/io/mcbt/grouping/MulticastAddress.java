package io.mcbt.grouping;

import java.net.Inet4Address;

/**
 * Where a group's datagrams go.
 *
 * @param group an administratively scoped IPv4 multicast address (RFC 2365)
 * @param port the UDP port
 * @param ttl hops the datagrams may travel: 1 keeps them on the local network
 */
public record MulticastAddress(Inet4Address group, int port, int ttl) {
  public MulticastAddress {
    if (!group.isMulticastAddress()) {
      throw new IllegalArgumentException(group + " is not a multicast address");
    }
    if (port < 1 || port > 65535 || ttl < 1 || ttl > 255) {
      throw new IllegalArgumentException("port 1-65535 and TTL 1-255");
    }
  }

  /** Address and port: what two live groups may never share. */
  public String pair() {
    return group.getHostAddress() + ":" + port;
  }

  @Override
  public String toString() {
    return group.getHostAddress() + ":" + port + " ttl " + ttl;
  }
}
