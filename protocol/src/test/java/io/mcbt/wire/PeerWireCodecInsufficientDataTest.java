package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.LIMITS;
import static io.mcbt.wire.WireTestData.encode;
import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.PeerMessage.Piece;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Input cut short: decoders return {@code null} and leave the position where it was. */
class PeerWireCodecInsufficientDataTest {
  static Stream<PeerMessage> samples() {
    return WireTestData.samples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyPrefixOfAMessageNeedsMoreBytes(PeerMessage message) throws Exception {
    byte[] frame = encode(message);
    for (int length = 0; length < frame.length; length++) {
      ByteBuffer in = behindJunk(Arrays.copyOf(frame, length));

      assertNull(PeerWireCodec.decode(in, LIMITS), "prefix of " + length + " bytes");
      assertEquals(3, in.position(), "prefix of " + length + " bytes");
    }
  }

  @Test
  void aFullSizePieceWithOnlyItsHeaderNeedsMoreBytes() throws Exception {
    ByteBuffer in = behindJunk(hex("00004009 07 00000000 00000000"));

    assertNull(PeerWireCodec.decode(in, LIMITS));
    assertEquals(3, in.position());
  }

  @Test
  void aCompleteMessageFollowedByAPartialOneDecodesTheFirstOnly() throws Exception {
    byte[] two = encode(PeerMessage.UNCHOKE, Piece.of(1, 0, new byte[] {1, 2}));
    ByteBuffer in = ByteBuffer.wrap(two, 0, two.length - 1);

    assertEquals(PeerMessage.UNCHOKE, PeerWireCodec.decode(in, LIMITS));
    assertNull(PeerWireCodec.decode(in, LIMITS));
    assertEquals(5, in.position());
  }

  @Test
  void everyPrefixOfAHandshakeNeedsMoreBytes() throws Exception {
    byte[] bytes = new byte[Handshake.LENGTH];
    new Handshake(Handshake.FAST_EXTENSION, new InfoHash(new byte[20]), new PeerId(new byte[20]))
        .encode(ByteBuffer.wrap(bytes));
    for (int length = 0; length < bytes.length; length++) {
      ByteBuffer in = behindJunk(Arrays.copyOf(bytes, length));

      assertNull(Handshake.decode(in), "prefix of " + length + " bytes");
      assertEquals(3, in.position());
    }
  }

  /** {@code bytes} after three junk bytes, with the position at the first of {@code bytes}. */
  private static ByteBuffer behindJunk(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.allocate(3 + bytes.length);
    buffer.put(new byte[] {-1, -1, -1}).put(bytes).flip().position(3);
    return buffer;
  }
}
