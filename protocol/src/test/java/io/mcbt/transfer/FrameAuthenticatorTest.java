package io.mcbt.transfer;

import static io.mcbt.transfer.FrameTestData.END;
import static io.mcbt.transfer.FrameTestData.KEY;
import static io.mcbt.transfer.FrameTestData.NACK;
import static io.mcbt.transfer.FrameTestData.OTHER_KEY;
import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static io.mcbt.transfer.FrameTestData.STATUS_REQUEST;
import static io.mcbt.transfer.FrameTestData.bytes;
import static io.mcbt.transfer.FrameTestData.sealed;
import static io.mcbt.transfer.FrameTestData.wrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.transfer.FrameTestData.Block;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameAuthenticatorTest {
  static Stream<Object> frames() {
    return Stream.of(
        STATUS_REQUEST,
        END,
        NACK,
        new Block(FrameType.DATA, PARAMETERS, 0, 1, 2, new byte[] {9, 8, 7, 6, 5}),
        new Block(FrameType.REPAIR, PARAMETERS, 0, 1, 2, new byte[0]));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void everyFlippedBitFailsVerification(Object frame) {
    byte[] good = bytes(sealed(frame));
    FrameAuthenticator authenticator = FrameTestData.authenticator();
    assertTrue(authenticator.verify(wrap(good)));
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));

      assertFalse(authenticator.verify(wrap(bad)), "bit " + bit);
    }
  }

  @ParameterizedTest
  @MethodSource("frames")
  void anotherKeysTagFailsVerification(Object frame) {
    ByteBuffer sealed = sealed(frame);

    assertFalse(new FrameAuthenticator(OTHER_KEY).verify(sealed));
    assertTrue(new FrameAuthenticator(KEY).verify(sealed));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void theTagIsTheFirstHalfOfTheHmacSha256(Object frame) throws Exception {
    byte[] sealed = bytes(sealed(frame));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] expected =
        Arrays.copyOf(
            mac.doFinal(Arrays.copyOf(sealed, sealed.length - 16)), FrameAuthenticator.TAG_LENGTH);

    assertArrayEquals(expected, Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length));
  }

  @Test
  void sealingAtAnOffsetTagsOnlyTheFrame() {
    FrameAuthenticator authenticator = FrameTestData.authenticator();
    ByteBuffer atZero = sealed(NACK, 0, authenticator);
    ByteBuffer atNine = sealed(NACK, 9, authenticator);
    atNine.put(0, (byte) 0x55);

    assertArrayEquals(bytes(atZero), bytes(atNine));
    assertTrue(authenticator.verify(atNine));
    assertEquals(9, atNine.position());
  }

  @Test
  void verifyLeavesPositionAndLimitAndRefusesDatagramsShorterThanATag() {
    FrameAuthenticator authenticator = FrameTestData.authenticator();
    ByteBuffer sealed = sealed(END, 3, authenticator);
    int limit = sealed.limit();
    authenticator.verify(sealed);

    assertEquals(3, sealed.position());
    assertEquals(limit, sealed.limit());
    for (int length = 0; length <= FrameAuthenticator.TAG_LENGTH; length++) {
      assertFalse(authenticator.verify(wrap(new byte[length])));
    }
  }

  @Test
  void aFrameAsLongAsADatagramIsSealedAndOneLongerIsRefused() {
    FrameAuthenticator authenticator = FrameTestData.authenticator();
    ByteBuffer largest = ByteBuffer.allocate(70_000);
    largest.limit(FrameAuthenticator.MAX_FRAME_LENGTH - FrameAuthenticator.TAG_LENGTH);
    authenticator.seal(largest);

    assertEquals(FrameAuthenticator.MAX_FRAME_LENGTH, largest.remaining());
    assertTrue(authenticator.verify(largest));
    largest.limit(FrameAuthenticator.MAX_FRAME_LENGTH + 1);
    assertFalse(authenticator.verify(largest), "longer than any datagram");
    ByteBuffer tooLong =
        ByteBuffer.allocate(70_000)
            .limit(FrameAuthenticator.MAX_FRAME_LENGTH - FrameAuthenticator.TAG_LENGTH + 1);
    assertThrows(IllegalArgumentException.class, () -> authenticator.seal(tooLong));
  }

  @Test
  void aKeyShorterThan16BytesIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FrameAuthenticator(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> new FrameAuthenticator(new byte[0]));
    new FrameAuthenticator(new byte[16]);
  }
}
