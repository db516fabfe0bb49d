package io.mcbt.peer.rtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RttProbeTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void packetsRoundTripAndGarbageIsIgnored() {
    ByteBuffer buffer = ByteBuffer.allocate(ProbePacket.LENGTH);
    new ProbePacket(false, 7, 123_456_789L).encode(buffer);

    assertEquals(
        Optional.of(new ProbePacket(false, 7, 123_456_789L)), ProbePacket.decode(buffer.flip()));
    assertEquals(
        Optional.empty(), ProbePacket.decode(ByteBuffer.wrap(new byte[ProbePacket.LENGTH])));
    assertEquals(Optional.empty(), ProbePacket.decode(ByteBuffer.wrap(new byte[5])));
    byte[] wrongType = buffer.array().clone();
    wrongType[5] = 9;
    assertEquals(Optional.empty(), ProbePacket.decode(ByteBuffer.wrap(wrongType)));
  }

  @Test
  void measuresTheRttToAnEchoResponderOnLoopback() throws Exception {
    try (EchoResponder responder = EchoResponder.start(new InetSocketAddress(LOOPBACK, 0))) {
      RttProber prober = new RttProber(5, Duration.ofMillis(2), Duration.ofMillis(500));

      RttProber.Result result =
          prober.probe(new InetSocketAddress(LOOPBACK, responder.port())).orElseThrow();

      assertEquals(5, result.answered());
      assertTrue(
          result.minRttNs() > 0 && result.minRttNs() <= result.medianRttNs(), result.toString());
      assertTrue(result.medianRttNs() < 100_000_000, "loopback answers within 100 ms: " + result);
    }
  }

  @Test
  void aSilentPeerGivesNoResultAfterTheTimeout() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, LOOPBACK)) {
      long start = System.nanoTime();

      Optional<RttProber.Result> result =
          new RttProber(3, Duration.ofMillis(5), Duration.ofMillis(200))
              .probe(new InetSocketAddress(LOOPBACK, silent.getLocalPort()));

      assertEquals(Optional.empty(), result);
      assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }
  }
}
