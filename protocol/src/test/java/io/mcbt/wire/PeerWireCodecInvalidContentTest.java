package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.LIMITS;
import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames of a valid length whose content no well-behaved peer sends. */
class PeerWireCodecInvalidContentTest {
  /** Ids no BEP this codec implements assigns, including BEP 52's 21 to 23. */
  static IntStream unknownIds() {
    return IntStream.of(10, 11, 12, 18, 19, 21, 22, 23, 0x7F, 0x80, 0xFF);
  }

  @ParameterizedTest(name = "id {0}")
  @MethodSource("unknownIds")
  void anUnknownIdIsRefusedFromItsHeader(int id) {
    MalformedMessageException e = refused(String.format("00000005 %02x", id));

    assertEquals("unknown message id " + id + " (declared length 5)", e.getMessage());
  }

  static Stream<Arguments> badFields() {
    return Stream.of(
        Arguments.of("have index 0xffffffff", "00000005 04 ffffffff", "negative piece index -1"),
        Arguments.of("have index 2^31", "00000005 04 80000000", "negative piece index"),
        Arguments.of("suggest index 0xffffffff", "00000005 0d ffffffff", "negative piece index"),
        Arguments.of("allowed fast 0xffffffff", "00000005 11 ffffffff", "negative piece index"),
        Arguments.of(
            "request index 0xffffffff", "0000000d 06 ffffffff 00000000 00004000", "piece index"),
        Arguments.of(
            "request begin 0xffffffff", "0000000d 06 00000000 ffffffff 00004000", "block begin"),
        Arguments.of(
            "request length 0", "0000000d 06 00000000 00000000 00000000", "length 0 is not"),
        Arguments.of(
            "request length 0xffffffff",
            "0000000d 06 00000000 00000000 ffffffff",
            "block of 4294967295 bytes, over the limit of 16384"),
        Arguments.of(
            "request length limit + 1",
            "0000000d 06 00000000 00000000 00004001",
            "request (id 6) for a block of 16385 bytes, over the limit of 16384"),
        Arguments.of(
            "cancel length limit + 1", "0000000d 08 00000000 00000000 00004001", "cancel (id 8)"),
        Arguments.of(
            "reject length limit + 1",
            "0000000d 10 00000000 00000000 00004001",
            "reject request (id 16)"),
        Arguments.of(
            "request ending past 2^31 - 1",
            "0000000d 06 00000000 7fffffff 00000001",
            "ends past 2^31 - 1"),
        Arguments.of(
            "cancel index 0xffffffff", "0000000d 08 ffffffff 00000000 00000001", "piece index"),
        Arguments.of(
            "reject begin 0x80000000", "0000000d 10 00000000 80000000 00000001", "block begin"),
        Arguments.of("piece index 0xffffffff", "0000000a 07 ffffffff 00000000 00", "piece index"),
        Arguments.of("piece begin 0xffffffff", "0000000a 07 00000000 ffffffff 00", "block begin"),
        Arguments.of("piece ending past 2^31 - 1", "0000000b 07 00000000 7fffffff 0000", "ends"),
        Arguments.of("port 0", "00000003 09 0000", "port (id 9): DHT port out of range: 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void aFieldOutOfRangeIsRefused(String what, String frame, String reason) {
    MalformedMessageException e = refused(frame);

    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  static Stream<Arguments> badBitfields() {
    return Stream.of(
        Arguments.of("spare bit 7 of 8 set", 7, "0000000205 01"),
        Arguments.of(
            "last spare bit of 100 pieces set", 100, "0000000e05 ffffffffffffffffffffffffff"),
        Arguments.of("one byte short", 100, "0000000d05 ffffffffffffffffffffffff"),
        Arguments.of("empty for 1 piece", 1, "0000000105"),
        Arguments.of("one byte too many", 8, "0000000305 ff00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBitfields")
  void aBitfieldThatDoesNotFitTheTorrentIsRefused(String what, int pieceCount, String frame)
      throws Exception {
    Bitfield bitfield = (Bitfield) PeerWireCodec.decode(ByteBuffer.wrap(hex(frame)), LIMITS);

    assertThrows(MalformedMessageException.class, () -> bitfield.validate(pieceCount));
  }

  private static MalformedMessageException refused(String frame) {
    ByteBuffer in = ByteBuffer.wrap(hex(frame));
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> PeerWireCodec.decode(in, LIMITS));
    assertEquals(0, in.position(), e.getMessage());
    return e;
  }
}
