package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.LIMITS;
import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerWireCodec.Limits;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lengths a peer declares that no valid message has: refused from the prefix and id alone, before
 * the payload arrives, and with nothing consumed.
 */
class PeerWireCodecInvalidDeclaredLengthTest {
  /** Limits small enough that limit + 1 is cheap to write out: blocks 100, bitfield 7, ext 50. */
  private static final Limits SMALL = new Limits(100, 7, 50);

  /** Id and the one length every message with that id declares. */
  static Stream<Arguments> fixedSizes() {
    return Stream.of(
        Arguments.of(0, 1),
        Arguments.of(1, 1),
        Arguments.of(2, 1),
        Arguments.of(3, 1),
        Arguments.of(4, 5),
        Arguments.of(6, 13),
        Arguments.of(8, 13),
        Arguments.of(9, 3),
        Arguments.of(0x0D, 5),
        Arguments.of(0x0E, 1),
        Arguments.of(0x0F, 1),
        Arguments.of(0x10, 13),
        Arguments.of(0x11, 5));
  }

  @ParameterizedTest(name = "id {0}")
  @MethodSource("fixedSizes")
  void aFixedSizeMessageWithAnotherLengthIsRefusedFromItsHeader(int id, int length) {
    for (int wrong : new int[] {length - 1, length + 1, 2 * length + 13}) {
      if (wrong == 0) {
        continue;
      }
      MalformedMessageException e = refusedFromHeader(wrong, id, LIMITS);

      assertTrue(
          e.getMessage().endsWith("declares length " + wrong + ", expected " + length),
          e.getMessage());
    }
  }

  @ParameterizedTest(name = "id {0}")
  @MethodSource("fixedSizes")
  void aFixedSizeMessageWithAnotherLengthIsRefusedWithItsBytesThere(int id, int length) {
    ByteBuffer in = ByteBuffer.allocate(4 + length + 1);
    in.putInt(length + 1).put((byte) id).position(0);

    assertThrows(MalformedMessageException.class, () -> PeerWireCodec.decode(in, LIMITS));
    assertEquals(0, in.position());
  }

  static Stream<Arguments> overLimits() {
    return Stream.of(
        Arguments.of("piece, block of limit + 1", 7, 9 + 101),
        Arguments.of("bitfield of limit + 1 bytes", 5, 1 + 8),
        Arguments.of("extended payload of limit + 1 bytes", 20, 2 + 51),
        Arguments.of("piece without a block", 7, 9),
        Arguments.of("piece without begin", 7, 5),
        Arguments.of("extended without its id", 20, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overLimits")
  void aVariableSizeOverItsLimitOrUnderItsHeaderIsRefusedFromItsHeader(
      String what, int id, int length) {
    refusedFromHeader(length, id, SMALL);
  }

  @Test
  void eachLimitAtPlusOneIsRefusedAndAtTheLimitNeedsMoreBytes() throws Exception {
    assertEquals(null, PeerWireCodec.decode(header(9 + 100, 7), SMALL));
    assertEquals(null, PeerWireCodec.decode(header(1 + 7, 5), SMALL));
    assertEquals(null, PeerWireCodec.decode(header(2 + 50, 20), SMALL));
    refusedFromHeader(9 + 101, 7, SMALL);
    refusedFromHeader(1 + 8, 5, SMALL);
    refusedFromHeader(2 + 51, 20, SMALL);
  }

  @Test
  void defaultLimitsAtPlusOne() {
    Limits limits = Limits.forPieceCount(100);
    refusedFromHeader(9 + 16 * 1024 + 1, 7, limits);
    refusedFromHeader(1 + 13 + 1, 5, limits);
    refusedFromHeader(2 + 1024 * 1024 + 1, 20, limits);
  }

  @Test
  void aLengthOverEveryLimitIsRefusedFromThePrefixAlone() {
    for (long length : new long[] {0xFFFFFFFFL, 0x80000000L, LIMITS.maxMessageLength() + 1L}) {
      ByteBuffer in = ByteBuffer.allocate(4).putInt((int) length).flip();

      MalformedMessageException e =
          assertThrows(MalformedMessageException.class, () -> PeerWireCodec.decode(in, LIMITS));

      assertTrue(e.getMessage().contains(Long.toString(length)), e.getMessage());
      assertEquals(0, in.position());
    }
  }

  @Test
  void aLengthJustUnderTheOverallLimitWaitsForTheId() throws Exception {
    ByteBuffer in = ByteBuffer.allocate(4).putInt(LIMITS.maxMessageLength()).flip();

    assertEquals(null, PeerWireCodec.decode(in, LIMITS));
  }

  private static MalformedMessageException refusedFromHeader(int length, int id, Limits limits) {
    ByteBuffer in = header(length, id);
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> PeerWireCodec.decode(in, limits));
    assertEquals(0, in.position(), e.getMessage());
    return e;
  }

  /** Only the five bytes of prefix and id. */
  private static ByteBuffer header(int length, int id) {
    return ByteBuffer.wrap(hex(String.format("%08x %02x", length, id)));
  }
}
