package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.wire.PeerMessage.AllowedFast;
import io.mcbt.wire.PeerMessage.Cancel;
import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.Port;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import io.mcbt.wire.PeerMessage.SuggestPiece;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The records refuse values no message can carry, whoever builds them. */
class PeerMessageTest {
  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        invalid("have -1", () -> new Have(-1)),
        invalid("suggest -1", () -> new SuggestPiece(-1)),
        invalid("allowed fast MIN_VALUE", () -> new AllowedFast(Integer.MIN_VALUE)),
        invalid("request index -1", () -> new Request(-1, 0, 1)),
        invalid("request begin -1", () -> new Request(0, -1, 1)),
        invalid("request length 0", () -> new Request(0, 0, 0)),
        invalid("request length -1", () -> new Request(0, 0, -1)),
        invalid("request past 2^31 - 1", () -> new Request(0, Integer.MAX_VALUE, 1)),
        invalid("cancel length 0", () -> new Cancel(0, 0, 0)),
        invalid("reject begin -5", () -> new RejectRequest(0, -5, 1)),
        invalid("piece empty block", () -> Piece.of(0, 0, new byte[0])),
        invalid("piece null block", () -> new Piece(0, 0, null)),
        invalid("piece index -1", () -> Piece.of(-1, 0, new byte[1])),
        invalid("piece past 2^31 - 1", () -> Piece.of(0, Integer.MAX_VALUE, new byte[1])),
        invalid("port 0", () -> new Port(0)),
        invalid("port 65536", () -> new Port(0x10000)),
        invalid("extended id 256", () -> new Extended(256, new byte[0])),
        invalid("extended id -1", () -> new Extended(-1, new byte[0])),
        invalid("extended null payload", () -> new Extended(0, null)),
        invalid("bitfield null", () -> new Bitfield(null)));
  }

  private static Arguments invalid(String what, Supplier<PeerMessage> build) {
    return Arguments.of(what, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRecords")
  void refusesValuesNoMessageCarries(String what, Supplier<PeerMessage> build) {
    assertThrows(IllegalArgumentException.class, build::get);
  }

  @Test
  void acceptsTheEdgesOfEachRange() {
    assertDoesNotThrow(() -> new Request(Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1));
    assertDoesNotThrow(() -> new Port(1));
    assertDoesNotThrow(() -> new Port(0xFFFF));
    assertDoesNotThrow(() -> new Extended(255, new byte[0]));
    assertDoesNotThrow(() -> Piece.of(0, Integer.MAX_VALUE - 1, new byte[1]));
  }

  @Test
  void aPieceKeepsTheBytesBetweenPositionAndLimitAsItsBlock() {
    ByteBuffer source = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4});
    source.position(1).limit(4);

    Piece piece = new Piece(0, 0, source);
    source.position(0);

    assertEquals(3, piece.length());
    assertEquals(0, piece.block().position());
    assertEquals(Piece.of(0, 0, new byte[] {1, 2, 3}), piece);
    assertEquals(Piece.of(0, 0, new byte[] {1, 2, 3}).hashCode(), piece.hashCode());
    assertNotEquals(Piece.of(0, 0, new byte[] {1, 2, 4}), piece);
    assertEquals("Piece[index=0, begin=0, length=3]", piece.toString());
  }

  @Test
  void anExtendedMessageCopiesItsPayload() {
    byte[] payload = {1, 2};
    Extended extended = new Extended(1, payload);
    payload[0] = 9;
    extended.payload()[1] = 9;

    assertArrayEquals(new byte[] {1, 2}, extended.payload());
    assertEquals(new Extended(1, new byte[] {1, 2}), extended);
    assertEquals(new Extended(1, new byte[] {1, 2}).hashCode(), extended.hashCode());
    assertNotEquals(new Extended(2, new byte[] {1, 2}), extended);
    assertEquals("Extended[id=1, 2 bytes: 0102]", extended.toString());
  }
}
