package io.mcbt.peer.transfer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.Optional;

/** Which interface a peer sends and receives a group's multicast on. */
public final class MulticastInterfaces {
  private MulticastInterfaces() {}

  /**
   * The interface named {@code name} if given; else the one this host would use to reach {@code
   * tracker}: the tracker groups peers that reach it over the same network, and on that network the
   * group's datagrams travel.
   */
  public static NetworkInterface choose(Optional<String> name, InetAddress tracker)
      throws IOException {
    if (name.isPresent()) {
      NetworkInterface named = NetworkInterface.getByName(name.get());
      if (named == null) {
        throw new SocketException("no network interface " + name.get());
      }
      return named;
    }
    try (DatagramChannel probe = DatagramChannel.open()) {
      // Connecting a datagram socket sends nothing: it only asks the routing table.
      probe.connect(new InetSocketAddress(tracker, 9));
      InetAddress local = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
      NetworkInterface nic = NetworkInterface.getByInetAddress(local);
      if (nic != null) {
        return nic;
      }
    }
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && nic.supportsMulticast() && !nic.isLoopback()) {
        return nic;
      }
    }
    throw new SocketException("no interface to reach " + tracker.getHostAddress() + " on");
  }
}
