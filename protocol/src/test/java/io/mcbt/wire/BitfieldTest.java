package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BitfieldTest {
  @Test
  void theHighBitOfTheFirstByteIsPieceZero() {
    Bitfield bitfield = new Bitfield(hex("8001"));

    assertTrue(bitfield.has(0));
    assertFalse(bitfield.has(1));
    assertTrue(bitfield.has(15));
    assertFalse(bitfield.has(16));
    assertFalse(bitfield.has(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> bitfield.has(-1));
  }

  @Test
  void ofSetsThePiecesOfABitSet() {
    BitSet have = new BitSet();
    have.set(0);
    have.set(9);
    have.set(10);

    Bitfield bitfield = Bitfield.of(11, have);

    assertArrayEquals(hex("8060"), bitfield.bits());
    assertEquals(have, bitfield.toBitSet());
    assertEquals(new Bitfield(new byte[0]), Bitfield.of(0, new BitSet()));
    assertThrows(IllegalArgumentException.class, () -> Bitfield.of(10, have));
    assertThrows(IllegalArgumentException.class, () -> Bitfield.of(-1, new BitSet()));
  }

  @Test
  void bytesForIsTheCeilingOfAnEighth() {
    assertEquals(0, Bitfield.bytesFor(0));
    assertEquals(1, Bitfield.bytesFor(1));
    assertEquals(1, Bitfield.bytesFor(8));
    assertEquals(2, Bitfield.bytesFor(9));
    assertEquals(268_435_456, Bitfield.bytesFor(Integer.MAX_VALUE));
  }

  static Stream<Arguments> validBitfields() {
    return Stream.of(
        Arguments.of(1, "80"),
        Arguments.of(1, "00"),
        Arguments.of(8, "ff"),
        Arguments.of(9, "ff80"),
        Arguments.of(100, "fffffffffffffffffffffffff0"),
        Arguments.of(0, ""));
  }

  @ParameterizedTest(name = "{0} pieces: {1}")
  @MethodSource("validBitfields")
  void validateAcceptsTheExactSizeWithSpareBitsClear(int pieceCount, String bits) {
    assertDoesNotThrow(() -> new Bitfield(hex(bits)).validate(pieceCount));
  }

  static Stream<Arguments> invalidBitfields() {
    return Stream.of(
        Arguments.of(1, "40", "spare bits"),
        Arguments.of(1, "01", "spare bits"),
        Arguments.of(9, "ff40", "spare bits past piece 8"),
        Arguments.of(100, "fffffffffffffffffffffffff8", "spare bits past piece 99"),
        Arguments.of(100, "ffffffffffffffffffffffff", "12 bytes for 100 pieces, expected 13"),
        Arguments.of(8, "ff00", "2 bytes for 8 pieces, expected 1"),
        Arguments.of(1, "", "0 bytes for 1 pieces, expected 1"));
  }

  @ParameterizedTest(name = "{0} pieces: {1}")
  @MethodSource("invalidBitfields")
  void validateRefusesAnotherSizeOrSpareBitsSet(int pieceCount, String bits, String reason) {
    MalformedMessageException e =
        assertThrows(
            MalformedMessageException.class, () -> new Bitfield(hex(bits)).validate(pieceCount));

    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void theBytesAreCopiedInAndOut() {
    byte[] bits = hex("80");
    Bitfield bitfield = new Bitfield(bits);
    bits[0] = 0;
    bitfield.bits()[0] = 0;

    assertTrue(bitfield.has(0));
    assertEquals(new Bitfield(hex("80")), bitfield);
    assertEquals(new Bitfield(hex("80")).hashCode(), bitfield.hashCode());
    assertNotEquals(new Bitfield(hex("8000")), bitfield);
    assertEquals("Bitfield[1 bytes, 1 set]", bitfield.toString());
  }
}
