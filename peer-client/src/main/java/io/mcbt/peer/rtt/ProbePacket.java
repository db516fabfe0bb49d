package io.mcbt.peer.rtt;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An RTT probe or its echo, 18 bytes, big-endian.
 *
 * <pre>
 *  0        4         5      6          10             18
 *  | "MCBP" | version | type | sequence | sent at (ns) |     type 1 = probe, 2 = echo
 * </pre>
 *
 * The prober's clock travels in the packet and comes back, so the responder keeps no state.
 *
 * @param echo whether this is the echo of a probe
 * @param sequence the probe's number
 * @param sentAtNs the prober's {@code System.nanoTime()} when it sent the probe
 */
public record ProbePacket(boolean echo, int sequence, long sentAtNs) {
  public static final int LENGTH = 18;
  private static final int MAGIC = 0x4d434250; // "MCBP"
  private static final byte VERSION = 1;
  private static final byte PROBE = 1;
  private static final byte ECHO = 2;

  public void encode(ByteBuffer out) {
    out.putInt(MAGIC).put(VERSION).put(echo ? ECHO : PROBE).putInt(sequence).putLong(sentAtNs);
  }

  /** Reads a packet; anything else (other protocols, garbage, wrong sizes) is empty. */
  public static Optional<ProbePacket> decode(ByteBuffer in) {
    if (in.remaining() != LENGTH) {
      return Optional.empty();
    }
    int at = in.position();
    byte type = in.get(at + 5);
    if (in.getInt(at) != MAGIC || in.get(at + 4) != VERSION || (type != PROBE && type != ECHO)) {
      return Optional.empty();
    }
    return Optional.of(new ProbePacket(type == ECHO, in.getInt(at + 6), in.getLong(at + 10)));
  }

  public ProbePacket asEcho() {
    return new ProbePacket(true, sequence, sentAtNs);
  }
}
