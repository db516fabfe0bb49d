package io.mcbt.transfer;

import static io.mcbt.transfer.FrameTestData.END;
import static io.mcbt.transfer.FrameTestData.NACK;
import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static io.mcbt.transfer.FrameTestData.STATUS_REQUEST;
import static io.mcbt.transfer.FrameTestData.authenticator;
import static io.mcbt.transfer.FrameTestData.bytes;
import static io.mcbt.transfer.FrameTestData.sealed;
import static io.mcbt.transfer.FrameTestData.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.transfer.FrameTestData.Block;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A datagram cut short (a frame's every proper prefix): not a frame to {@link FrameHeader#typeOf},
 * refused by every decoder, failing {@link FrameAuthenticator#verify}, and nothing moved.
 */
class FrameInsufficientDataTest {
  static Stream<Object> frames() {
    return Stream.of(
        STATUS_REQUEST,
        END,
        NACK,
        new Block(FrameType.DATA, PARAMETERS, 0, 1, 2, new byte[] {9, 8, 7, 6, 5}));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void everyPrefixIsRefused(Object frame) {
    byte[] whole = bytes(sealed(frame));
    FrameAuthenticator authenticator = authenticator();
    for (int length = 0; length < whole.length; length++) {
      ByteBuffer prefix = wrap(Arrays.copyOf(whole, length));

      assertNull(FrameHeader.typeOf(prefix), "prefix of " + length);
      assertFalse(authenticator.verify(prefix), "prefix of " + length);
      assertThrows(MalformedFrameException.class, () -> StatusRequest.decode(prefix));
      assertThrows(MalformedFrameException.class, () -> EndFrame.decode(prefix));
      assertThrows(MalformedFrameException.class, () -> Nack.decode(prefix));
      assertEquals(0, prefix.position());
      assertEquals(length, prefix.limit());
    }
  }

  @ParameterizedTest
  @MethodSource("frames")
  void aFrameWhoseTagIsMissingIsRefused(Object frame) {
    ByteBuffer buffer = ByteBuffer.allocate(FrameTestData.CAPACITY);
    FrameTestData.encode(frame, buffer);

    assertNull(FrameHeader.typeOf(buffer));
    assertThrows(MalformedFrameException.class, () -> FrameTestData.decode(buffer));
  }
}
