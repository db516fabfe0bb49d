package io.mcbt.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random frames of every type: decode(seal(encode(f))) equals f. */
class FrameRandomRoundTripTest {
  private static final int FRAMES = 20_000;

  @Test
  void randomFramesRoundTrip() throws MalformedFrameException {
    Random random = new Random(0x6d636274_7466L);
    FrameAuthenticator authenticator = FrameTestData.authenticator();
    ByteBuffer buffer = ByteBuffer.allocate(FrameTestData.CAPACITY + 16);
    for (int i = 0; i < FRAMES; i++) {
      Object frame = FrameTestData.randomFrame(random, i, i % 100 == 0 ? 65_535 : 300);
      buffer.clear().position(random.nextInt(16));
      FrameTestData.encode(frame, buffer);
      authenticator.seal(buffer);

      assertTrue(FrameHeader.typeOf(buffer) != null, frame::toString);
      assertTrue(authenticator.verify(buffer), frame::toString);
      assertEquals(frame, FrameTestData.decode(buffer));
    }
  }
}
