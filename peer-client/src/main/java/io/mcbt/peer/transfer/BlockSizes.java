package io.mcbt.peer.transfer;

import io.mcbt.transfer.FrameAuthenticator;
import io.mcbt.transfer.FrameHeader;
import java.net.NetworkInterface;
import java.net.SocketException;

/** The largest block that fits one unfragmented datagram on an interface. */
final class BlockSizes {
  /** IPv4 and UDP headers. */
  private static final int IP_UDP_BYTES = 28;

  static final int DEFAULT = 1_400;

  private BlockSizes() {}

  static int forMtu(int mtu) {
    return mtu - IP_UDP_BYTES - FrameHeader.LENGTH - FrameAuthenticator.TAG_LENGTH;
  }

  /**
   * {@code configured} if set, else what the interface's MTU allows (1,424 bytes on Ethernet, 8,924
   * with jumbo frames), capped so a datagram stays below 64 KiB (loopback's MTU is 64 KiB).
   */
  static int choose(int configured, NetworkInterface nic) {
    if (configured > 0) {
      return configured;
    }
    try {
      int mtu = nic.getMTU();
      return mtu <= 0 ? DEFAULT : Math.max(512, Math.min(forMtu(mtu), 8_924));
    } catch (SocketException e) {
      return DEFAULT;
    }
  }
}
