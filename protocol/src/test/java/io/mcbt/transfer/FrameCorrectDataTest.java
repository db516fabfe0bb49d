package io.mcbt.transfer;

import static io.mcbt.transfer.FrameTestData.END;
import static io.mcbt.transfer.FrameTestData.NACK;
import static io.mcbt.transfer.FrameTestData.PARAMETERS;
import static io.mcbt.transfer.FrameTestData.STATUS_REQUEST;
import static io.mcbt.transfer.FrameTestData.authenticator;
import static io.mcbt.transfer.FrameTestData.bytes;
import static io.mcbt.transfer.FrameTestData.decode;
import static io.mcbt.transfer.FrameTestData.sealed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.transfer.FrameTestData.Block;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Well-formed frames: encode, seal, typeOf, verify, decode gives back what went in. */
class FrameCorrectDataTest {
  static Stream<Arguments> frames() {
    byte[] body = new byte[1424];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7);
    }
    SessionParameters noRepair = new SessionParameters(-1L, 1, 0);
    SessionParameters largest =
        new SessionParameters(Long.MIN_VALUE, FrameHeader.MAX_BODY_LENGTH, 128);
    return Stream.of(
        Arguments.of(FrameType.STATUS_REQUEST, STATUS_REQUEST),
        Arguments.of(FrameType.STATUS_REQUEST, new StatusRequest(noRepair, 0, 0, false, 0xffff)),
        Arguments.of(FrameType.END, END),
        Arguments.of(FrameType.END, new EndFrame(noRepair, 0, EndFrame.Reason.COMPLETE)),
        Arguments.of(
            FrameType.END, new EndFrame(largest, Integer.MAX_VALUE, EndFrame.Reason.STOPPED)),
        Arguments.of(FrameType.NACK, NACK),
        Arguments.of(FrameType.NACK, new Nack(noRepair, 0, 0, 0, true, false, List.of())),
        Arguments.of(
            FrameType.NACK,
            new Nack(
                largest,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE,
                false,
                false,
                List.of(new BlockRange(0, 1), new BlockRange(1, Integer.MAX_VALUE - 1)))),
        Arguments.of(FrameType.DATA, new Block(FrameType.DATA, PARAMETERS, 0, 7, 16_384, body)),
        Arguments.of(FrameType.REPAIR, new Block(FrameType.REPAIR, PARAMETERS, 4, 9, 3, body)),
        Arguments.of(FrameType.DATA, new Block(FrameType.DATA, noRepair, 0, 0, 0, new byte[0])),
        Arguments.of(
            FrameType.DATA,
            new Block(FrameType.DATA, largest, 1, 2, 3, new byte[FrameHeader.MAX_BODY_LENGTH])));
  }

  @ParameterizedTest(name = "{0} {index}")
  @MethodSource("frames")
  void roundTrips(FrameType type, Object frame) throws MalformedFrameException {
    for (int offset : new int[] {0, 1, 13}) {
      ByteBuffer sealed = sealed(frame, offset, authenticator());

      assertEquals(offset, sealed.position());
      assertEquals(type, FrameHeader.typeOf(sealed));
      assertTrue(authenticator().verify(sealed));
      assertEquals(frame, decode(sealed));
      assertEquals(offset, sealed.position(), "decoding moves nothing");
      assertEquals(
          FrameAuthenticator.TAG_LENGTH + FrameHeader.LENGTH,
          sealed.remaining() - FrameHeader.bodyLength(sealed));
    }
  }

  @Test
  void theHeaderIsBigEndianAtItsDocumentedOffsets() {
    ByteBuffer frame = sealed(STATUS_REQUEST);

    assertEquals(
        "4d43424d" // MCBM
            + "01" // version
            + "03" // status request
            + "0590" // block size 1424
            + "0123456789abcdef" // session
            + "00000002" // round
            + "00000000" // first
            + "00000000" // second
            + "0007" // body length
            + "0020" // coding group 32
            + "00001388" // sent blocks 5000
            + "01" // pass complete
            + "00fa", // reply within 250 ms
        HexFormat.of().formatHex(bytes(frame), 0, FrameHeader.LENGTH + StatusRequest.BODY_LENGTH));
  }

  @Test
  void aNacksRangesAreGapAndLengthVarints() {
    ByteBuffer frame = sealed(NACK);
    int body = FrameHeader.bodyIndex(frame);
    byte[] ranges = new byte[FrameHeader.bodyLength(frame) - 7];
    frame.get(body + 7, ranges);

    assertEquals(10_000, frame.getInt(FrameHeader.FIRST_OFFSET), "first = considered blocks");
    assertEquals(0x02, frame.get(body), "truncated flag");
    assertEquals(400, frame.getInt(body + 1));
    assertEquals(3, frame.getShort(body + 5));
    // gap 3 len 1 | gap 96 len 200 (c8 01) | gap 8700 (bc 43) len 150 (96 01)
    assertEquals("03" + "01" + "60" + "c801" + "fc43" + "9601", HexFormat.of().formatHex(ranges));
  }

  @Test
  void blockFramesCarryTheirHeaderFields() {
    byte[] body = {1, 2, 3};
    ByteBuffer frame =
        sealed(new Block(FrameType.REPAIR, PARAMETERS, 6, 41, 250, body), 5, authenticator());

    assertEquals(FrameType.REPAIR, FrameHeader.typeOf(frame));
    assertEquals(1424, FrameHeader.blockSize(frame));
    assertEquals(PARAMETERS.session(), FrameHeader.session(frame));
    assertEquals(6, FrameHeader.round(frame));
    assertEquals(41, FrameHeader.first(frame));
    assertEquals(250, FrameHeader.second(frame));
    assertEquals(3, FrameHeader.bodyLength(frame));
    assertEquals(32, FrameHeader.codingBlocks(frame));
    assertEquals(5 + FrameHeader.LENGTH, DataFrame.blockIndex(frame));
    byte[] read = new byte[3];
    frame.get(DataFrame.blockIndex(frame), read);
    assertArrayEquals(body, read);
  }

  @Test
  void writeHeaderTakesOnlyBlockTypes() {
    ByteBuffer frame = ByteBuffer.allocate(FrameTestData.CAPACITY);
    for (FrameType type : List.of(FrameType.STATUS_REQUEST, FrameType.END, FrameType.NACK)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DataFrame.writeHeader(frame, type, PARAMETERS, 0, 0, 0, 10));
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DataFrame.writeHeader(
                frame, FrameType.DATA, PARAMETERS, 0, 0, 0, FrameHeader.MAX_BODY_LENGTH + 1));
  }

  @Test
  void frameTypeCodesAreTheHeadersTypeByte() {
    for (FrameType type : FrameType.values()) {
      assertEquals(type, FrameType.ofCode(type.code()));
    }
    for (int code : new int[] {-1, 0, 6, 255, Integer.MIN_VALUE}) {
      assertEquals(null, FrameType.ofCode(code));
    }
  }
}
