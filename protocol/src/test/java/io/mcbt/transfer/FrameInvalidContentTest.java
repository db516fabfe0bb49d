package io.mcbt.transfer;

import static io.mcbt.transfer.FrameHeader.BLOCK_SIZE_OFFSET;
import static io.mcbt.transfer.FrameHeader.CODING_OFFSET;
import static io.mcbt.transfer.FrameHeader.FIRST_OFFSET;
import static io.mcbt.transfer.FrameHeader.ROUND_OFFSET;
import static io.mcbt.transfer.FrameHeader.TYPE_OFFSET;
import static io.mcbt.transfer.FrameTestData.END;
import static io.mcbt.transfer.FrameTestData.NACK;
import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static io.mcbt.transfer.FrameTestData.STATUS_REQUEST;
import static io.mcbt.transfer.FrameTestData.resealed;
import static io.mcbt.transfer.FrameTestData.sealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.transfer.FrameTestData.Block;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames of the right size with a field no sender writes, each under a valid tag. */
class FrameInvalidContentTest {
  private static final int BODY = FrameHeader.LENGTH;

  static Stream<Object> frames() {
    return Stream.of(
        STATUS_REQUEST,
        END,
        NACK,
        new Block(FrameType.DATA, PARAMETERS, 0, 1, 2, new byte[] {9, 8, 7, 6, 5}));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void badMagicVersionOrTypeIsNotAFrame(Object frame) {
    List<Consumer<ByteBuffer>> edits =
        List.of(
            f -> f.putInt(0, 0x4d43424e),
            f -> f.putInt(0, 0),
            f -> f.put(4, (byte) 0),
            f -> f.put(4, (byte) 2),
            f -> f.put(4, (byte) 0xff),
            f -> f.put(TYPE_OFFSET, (byte) 0),
            f -> f.put(TYPE_OFFSET, (byte) 6),
            f -> f.put(TYPE_OFFSET, (byte) 0x81),
            f -> f.put(TYPE_OFFSET, (byte) 0xff));
    for (Consumer<ByteBuffer> edit : edits) {
      ByteBuffer bad = resealed(sealed(frame), edit);

      assertNull(FrameHeader.typeOf(bad));
      assertDecodersRefuse(bad);
    }
  }

  @ParameterizedTest
  @MethodSource("frames")
  void aFrameOfAnotherTypeIsRefusedByEachOtherDecoder(Object frame) throws MalformedFrameException {
    ByteBuffer sealed = sealed(frame);
    FrameType type = FrameHeader.typeOf(sealed);
    if (type != FrameType.STATUS_REQUEST) {
      assertThrows(MalformedFrameException.class, () -> StatusRequest.decode(sealed));
    }
    if (type != FrameType.END) {
      assertThrows(MalformedFrameException.class, () -> EndFrame.decode(sealed));
    }
    if (type != FrameType.NACK) {
      assertThrows(MalformedFrameException.class, () -> Nack.decode(sealed));
    }
    assertEquals(frame, FrameTestData.decode(sealed));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void sessionParametersNoSenderHasAreRefused(Object frame) {
    List<Consumer<ByteBuffer>> edits =
        List.of(
            f -> f.putShort(BLOCK_SIZE_OFFSET, (short) 0),
            f -> f.putShort(BLOCK_SIZE_OFFSET, (short) (FrameHeader.MAX_BODY_LENGTH + 1)),
            f -> f.putShort(BLOCK_SIZE_OFFSET, (short) 0xffff),
            f -> f.putShort(CODING_OFFSET, (short) (SessionParameters.MAX_CODING_BLOCKS + 1)),
            f -> f.putShort(CODING_OFFSET, (short) 0x8000),
            f -> f.putShort(CODING_OFFSET, (short) 0xffff));
    for (Consumer<ByteBuffer> edit : edits) {
      ByteBuffer bad = resealed(sealed(frame), edit);

      assertThrows(MalformedFrameException.class, () -> FrameTestData.decode(bad));
    }
  }

  @Test
  void aNegativeRoundIsRefused() {
    for (Object frame : List.of(STATUS_REQUEST, END, NACK)) {
      ByteBuffer bad = resealed(sealed(frame), f -> f.putInt(ROUND_OFFSET, -1));

      assertThrows(MalformedFrameException.class, () -> FrameTestData.decode(bad));
    }
  }

  @Test
  void statusRequestFlagsAndCountsAreChecked() {
    for (int flags : new int[] {2, 3, 0x80, 0xff}) {
      assertRefused(STATUS_REQUEST, f -> f.put(BODY + 4, (byte) flags));
    }
    assertRefused(STATUS_REQUEST, f -> f.putInt(BODY, -1));
    assertRefused(STATUS_REQUEST, f -> f.putInt(BODY, Integer.MIN_VALUE));
  }

  @Test
  void unknownEndReasonsAreRefused() {
    for (int reason : new int[] {3, 4, 0x7f, 0x80, 0xff}) {
      assertRefused(END, f -> f.put(BODY, (byte) reason));
    }
  }

  @Test
  void nackFlagsAndCountsAreChecked() {
    for (int flags : new int[] {4, 8, 0x80, 0xff}) {
      assertRefused(NACK, f -> f.put(BODY, (byte) flags));
    }
    assertRefused(NACK, f -> f.putInt(BODY + 1, -1), "negative missing count");
    assertRefused(NACK, f -> f.putInt(FIRST_OFFSET, -1), "negative considered blocks");
    assertRefused(NACK, f -> f.putInt(BODY + 1, 350), "ranges list more than missing");
    assertRefused(NACK, f -> f.put(BODY, (byte) 1), "complete yet missing blocks");
  }

  @Test
  void nackRangesBeyondTheConsideredBlocksAreRefused() {
    // NACK's last range is 9,000 + 150 = 9,150
    assertRefused(NACK, f -> f.putInt(FIRST_OFFSET, 9_149));
    assertRefused(NACK, f -> f.putInt(FIRST_OFFSET, 0));
    assertRefused(
        new Nack(PARAMETERS, 0, 10, 10, false, false, List.of(new BlockRange(0, 10))),
        f -> f.put(BODY + 8, (byte) 11),
        "length beyond");
  }

  @Test
  void anEmptyNackRangeIsRefused() {
    assertRefused(
        new Nack(PARAMETERS, 0, 10, 10, false, false, List.of(new BlockRange(2, 3))),
        f -> f.put(BODY + 8, (byte) 0));
  }

  @Test
  void overlongAndOversizedVarintsAreRefused() {
    // one range: gap (1 byte), length (1 byte), replaced by other encodings of the same body size
    Nack twelveBytes =
        new Nack(
            PARAMETERS,
            0,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            false,
            false,
            List.of(new BlockRange(0x3fff_ffff, 1), new BlockRange(0x7fff_fff0, 1)));
    // gap 0x3fffffff: ff ff ff ff 03; length 01; gap 0x3ffffff0: f0 ff ff ff 03; length 01
    assertRefused(twelveBytes, f -> f.put(BODY + 11, (byte) 0x83), "a sixth varint byte");
    assertRefused(twelveBytes, f -> f.put(BODY + 11, (byte) 0x08), "over 31 bits");
    assertRefused(twelveBytes, f -> f.put(BODY + 11, (byte) 0x7f), "over 31 bits");
    assertRefused(twelveBytes, f -> f.put(BODY + 18, (byte) 0x81), "cut short");
    assertRefused(
        twelveBytes,
        f -> f.put(BODY + 11, (byte) 0x07).put(BODY + 17, (byte) 0x07),
        "first plus length beyond int");
  }

  @Test
  void theNackConstructorRefusesWhatTheDecoderRefuses() {
    List<List<BlockRange>> bad =
        List.of(
            List.of(new BlockRange(5, 2), new BlockRange(3, 1)),
            List.of(new BlockRange(5, 2), new BlockRange(6, 1)),
            List.of(new BlockRange(99, 2)));
    for (List<BlockRange> ranges : bad) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new Nack(PARAMETERS, 0, 100, 100, false, false, ranges),
          ranges.toString());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new Nack(PARAMETERS, 0, 100, 1, false, false, List.of(new BlockRange(0, 2))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Nack(PARAMETERS, 0, 100, 1, true, false, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Nack(PARAMETERS, -1, 0, 0, true, false, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockRange(Integer.MAX_VALUE, 1));
  }

  private static void assertRefused(Object frame, Consumer<ByteBuffer> edit) {
    assertRefused(frame, edit, "");
  }

  private static void assertRefused(Object frame, Consumer<ByteBuffer> edit, String why) {
    ByteBuffer bad = resealed(sealed(frame), edit);

    assertEquals(FrameHeader.typeOf(sealed(frame)), FrameHeader.typeOf(bad), why);
    assertThrows(MalformedFrameException.class, () -> FrameTestData.decode(bad), why);
  }

  private static void assertDecodersRefuse(ByteBuffer bad) {
    assertThrows(MalformedFrameException.class, () -> StatusRequest.decode(bad));
    assertThrows(MalformedFrameException.class, () -> EndFrame.decode(bad));
    assertThrows(MalformedFrameException.class, () -> Nack.decode(bad));
  }
}
