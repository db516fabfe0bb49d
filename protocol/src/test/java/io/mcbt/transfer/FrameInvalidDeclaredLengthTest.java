package io.mcbt.transfer;

import static io.mcbt.transfer.FrameHeader.BODY_LENGTH_OFFSET;
import static io.mcbt.transfer.FrameTestData.END;
import static io.mcbt.transfer.FrameTestData.NACK;
import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static io.mcbt.transfer.FrameTestData.STATUS_REQUEST;
import static io.mcbt.transfer.FrameTestData.bytes;
import static io.mcbt.transfer.FrameTestData.resealed;
import static io.mcbt.transfer.FrameTestData.sealed;
import static io.mcbt.transfer.FrameTestData.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.transfer.FrameTestData.Block;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Body lengths that do not fit: a length field that disagrees with the datagram's size, and lengths
 * that agree with it but no frame of the type has.
 */
class FrameInvalidDeclaredLengthTest {
  static Stream<Object> frames() {
    return Stream.of(
        STATUS_REQUEST,
        END,
        NACK,
        new Block(FrameType.REPAIR, PARAMETERS, 0, 1, 2, new byte[] {9, 8, 7, 6, 5}));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void aLengthFieldThatDisagreesWithTheDatagramIsRefused(Object frame) {
    byte[] good = bytes(sealed(frame));
    int declared = FrameHeader.bodyLength(ByteBuffer.wrap(good));
    for (int wrong : new int[] {0, declared - 1, declared + 1, 0xffff}) {
      if (wrong < 0 || wrong == declared) {
        continue;
      }
      ByteBuffer bad = wrap(good.clone());
      bad.putShort(BODY_LENGTH_OFFSET, (short) wrong);

      assertNull(FrameHeader.typeOf(bad), "declared " + wrong);
      assertThrows(MalformedFrameException.class, () -> FrameTestData.decode(bad));
      assertThrows(MalformedFrameException.class, () -> StatusRequest.decode(bad));
      assertThrows(MalformedFrameException.class, () -> EndFrame.decode(bad));
      assertThrows(MalformedFrameException.class, () -> Nack.decode(bad));
    }
  }

  @Test
  void fixedSizeBodiesOfAnotherSizeAreRefused() {
    for (int length : new int[] {0, 1, 6, 8, 100}) {
      ByteBuffer status = withBodyLength(sealed(STATUS_REQUEST), length);
      ByteBuffer end = withBodyLength(sealed(END), length);

      assertEquals(FrameType.STATUS_REQUEST, FrameHeader.typeOf(status));
      assertEquals(FrameType.END, FrameHeader.typeOf(end));
      assertThrows(MalformedFrameException.class, () -> StatusRequest.decode(status));
      if (length != EndFrame.BODY_LENGTH) {
        assertThrows(MalformedFrameException.class, () -> EndFrame.decode(end));
      }
    }
  }

  @Test
  void aNackBodyShorterThanItsFixedFieldsIsRefused() {
    for (int length = 0; length < 7; length++) {
      ByteBuffer nack =
          withBodyLength(sealed(new Nack(PARAMETERS, 0, 0, 0, true, false, List.of())), length);

      assertEquals(FrameType.NACK, FrameHeader.typeOf(nack));
      assertThrows(MalformedFrameException.class, () -> Nack.decode(nack));
    }
  }

  @Test
  void aNackBodyOfTheLimitDecodesAndOneByteMoreIsRefused() throws MalformedFrameException {
    // 7 fixed bytes, then 596 two-byte ranges with one three-byte range last: 1,200 bytes.
    ByteBuffer atLimit = nackOfBodyLength(Nack.MAX_BODY_LENGTH);
    ByteBuffer overLimit = nackOfBodyLength(Nack.MAX_BODY_LENGTH + 1);

    assertEquals(FrameType.NACK, FrameHeader.typeOf(atLimit));
    assertEquals(596, Nack.decode(atLimit).ranges().size());
    assertEquals(FrameType.NACK, FrameHeader.typeOf(overLimit));
    assertThrows(MalformedFrameException.class, () -> Nack.decode(overLimit));
  }

  @Test
  void moreRangesThanTheBodyHoldsAreRefusedBeforeReadingThem() {
    ByteBuffer nack =
        resealed(sealed(NACK), frame -> frame.putShort(FrameHeader.LENGTH + 5, (short) 0xffff));

    assertThrows(MalformedFrameException.class, () -> Nack.decode(nack));
  }

  @Test
  void fewerRangesThanTheBodyHoldsAreRefused() {
    ByteBuffer fewer =
        resealed(sealed(NACK), frame -> frame.putShort(FrameHeader.LENGTH + 5, (short) 2));
    ByteBuffer more =
        resealed(sealed(NACK), frame -> frame.putShort(FrameHeader.LENGTH + 5, (short) 4));

    assertThrows(MalformedFrameException.class, () -> Nack.decode(fewer), "bytes after the ranges");
    assertThrows(MalformedFrameException.class, () -> Nack.decode(more), "ranges cut short");
  }

  /** A NACK whose ranges take {@code bodyLength - 7} bytes: pairs of 1s, and 0x81 0x01 last. */
  private static ByteBuffer nackOfBodyLength(int bodyLength) {
    return resealed(
        sealed(new Nack(PARAMETERS, 0, 100_000, 100_000, false, false, List.of())),
        frame -> {
          int body = FrameHeader.LENGTH;
          int rangeBytes = bodyLength - 7;
          int ranges = rangeBytes / 2;
          frame.limit(body + bodyLength);
          frame.putShort(BODY_LENGTH_OFFSET, (short) bodyLength);
          frame.putShort(body + 5, (short) ranges);
          int at = body + 7;
          for (int i = 0; i < ranges; i++) {
            frame.put(at++, (byte) 1).put(at++, (byte) 1);
          }
          if (rangeBytes % 2 == 1) {
            // one byte more: the last range's length becomes 129, 0x81 0x01
            frame.put(at - 1, (byte) 0x81).put(at, (byte) 0x01);
          }
        });
  }

  /** {@code sealed}'s header with another body length, the body padded or cut to it, resealed. */
  private static ByteBuffer withBodyLength(ByteBuffer sealed, int length) {
    return resealed(
        sealed,
        frame -> {
          frame.limit(FrameHeader.LENGTH + length);
          frame.putShort(BODY_LENGTH_OFFSET, (short) length);
        });
  }
}
