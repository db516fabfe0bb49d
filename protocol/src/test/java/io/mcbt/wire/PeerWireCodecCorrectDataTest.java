package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.LIMITS;
import static io.mcbt.wire.WireTestData.decodeAll;
import static io.mcbt.wire.WireTestData.encode;
import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerMessage.AllowedFast;
import io.mcbt.wire.PeerMessage.Cancel;
import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.Port;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import io.mcbt.wire.PeerMessage.SuggestPiece;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Well-formed input: every message type against bytes written out by hand from the BEPs. */
class PeerWireCodecCorrectDataTest {
  static Stream<Arguments> goldenFrames() {
    return Stream.of(
        Arguments.of(PeerMessage.KEEP_ALIVE, "00000000"),
        Arguments.of(PeerMessage.CHOKE, "00000001 00"),
        Arguments.of(PeerMessage.UNCHOKE, "00000001 01"),
        Arguments.of(PeerMessage.INTERESTED, "00000001 02"),
        Arguments.of(PeerMessage.NOT_INTERESTED, "00000001 03"),
        Arguments.of(new Have(0x01020304), "00000005 04 01020304"),
        Arguments.of(new Bitfield(new byte[] {(byte) 0x80, 0x01}), "00000003 05 8001"),
        Arguments.of(new Request(1, 0x4000, 0x4000), "0000000d 06 00000001 00004000 00004000"),
        Arguments.of(
            Piece.of(2, 0x8000, new byte[] {9, 8, 7}), "0000000c 07 00000002 00008000 090807"),
        Arguments.of(new Cancel(1, 0x4000, 0x4000), "0000000d 08 00000001 00004000 00004000"),
        Arguments.of(new Port(6881), "00000003 09 1ae1"),
        Arguments.of(new SuggestPiece(7), "00000005 0d 00000007"),
        Arguments.of(PeerMessage.HAVE_ALL, "00000001 0e"),
        Arguments.of(PeerMessage.HAVE_NONE, "00000001 0f"),
        Arguments.of(new RejectRequest(3, 0, 0x4000), "0000000d 10 00000003 00000000 00004000"),
        Arguments.of(new AllowedFast(0x7fffffff), "00000005 11 7fffffff"),
        Arguments.of(new Extended(0, new byte[] {'d', 'e'}), "00000004 14 00 6465"),
        Arguments.of(new Extended(3, new byte[0]), "00000002 14 03"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFrames")
  void encodesToTheBytesOfTheBep(PeerMessage message, String frame) {
    ByteBuffer out = ByteBuffer.allocate(64);

    PeerWireCodec.encode(message, out);

    assertEquals(frame.replace(" ", ""), hex(Arrays.copyOf(out.array(), out.position())));
    assertEquals(out.position(), PeerWireCodec.encodedLength(message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFrames")
  void decodesTheBytesOfTheBep(PeerMessage message, String frame) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(hex(frame));

    assertEquals(message, PeerWireCodec.decode(in, LIMITS));
    assertEquals(0, in.remaining());
  }

  @Test
  void messagesWithoutPayloadDecodeToSharedInstances() throws Exception {
    assertSame(
        PeerMessage.KEEP_ALIVE, PeerWireCodec.decode(ByteBuffer.wrap(hex("00000000")), LIMITS));
    assertSame(
        PeerMessage.HAVE_NONE, PeerWireCodec.decode(ByteBuffer.wrap(hex("000000010f")), LIMITS));
  }

  @Test
  void messagesBackToBackDecodeInOrder() throws Exception {
    List<PeerMessage> sent = WireTestData.samples();
    ByteBuffer in = ByteBuffer.wrap(encode(sent));

    assertEquals(sent, decodeAll(in, LIMITS));
    assertEquals(0, in.remaining());
  }

  @Test
  void aMessageSplitAcrossTwoReadsDecodesOnceTheRestArrives() throws Exception {
    List<PeerMessage> sent = WireTestData.samples();
    byte[] stream = encode(sent);
    ByteBuffer receive = ByteBuffer.allocate(LIMITS.maxFrameBytes());

    for (int split = 0; split <= stream.length; split += 7) {
      receive.clear();
      receive.put(stream, 0, split).flip();
      List<PeerMessage> got = decodeAll(receive, LIMITS);
      receive.compact().put(stream, split, stream.length - split).flip();
      got.addAll(decodeAll(receive, LIMITS));

      assertEquals(sent, got, "split at " + split);
      assertEquals(0, receive.remaining());
    }
  }

  @Test
  void decodesFromThePositionOfALittleEndianDirectBuffer() throws Exception {
    byte[] frame = hex("0000000d 06 00000001 00004000 00004000");
    ByteBuffer in = ByteBuffer.allocateDirect(3 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
    in.put(new byte[] {-1, -1, -1}).put(frame).flip().position(3);

    assertEquals(new Request(1, 0x4000, 0x4000), PeerWireCodec.decode(in, LIMITS));
    assertEquals(ByteOrder.LITTLE_ENDIAN, in.order());
    assertEquals(in.limit(), in.position());
  }

  @Test
  void encodesBigEndianIntoALittleEndianBuffer() {
    ByteBuffer out = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);

    PeerWireCodec.encode(new Port(6881), out);

    assertEquals("00000003091ae1", hex(out.array()));
    assertEquals(ByteOrder.LITTLE_ENDIAN, out.order());
  }

  @Test
  void encodeWritesNothingWhenTheMessageDoesNotFit() {
    ByteBuffer out = ByteBuffer.allocate(16);

    assertThrows(
        BufferOverflowException.class, () -> PeerWireCodec.encode(new Request(1, 2, 3), out));
    assertEquals(0, out.position());
  }

  @Test
  void aDecodedPieceAliasesTheInputUntilCopied() throws Exception {
    byte[] stream = encode(Piece.of(4, 0, new byte[] {1, 2, 3}));
    ByteBuffer in = ByteBuffer.wrap(stream);

    Piece piece = assertInstanceOf(Piece.class, PeerWireCodec.decode(in, LIMITS));
    Piece copy = piece.copy();
    stream[13] = 42;

    assertEquals(42, piece.block().get(0));
    assertEquals(1, copy.block().get(0));
    assertTrue(piece.block().isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> piece.block().put(0, (byte) 0));
  }

  @Test
  void readingABlockLeavesThePieceUnchanged() {
    Piece piece = Piece.of(4, 0, new byte[] {1, 2, 3});

    piece.block().get(new byte[3]);

    assertEquals(3, piece.block().remaining());
    assertEquals(Piece.of(4, 0, new byte[] {1, 2, 3}), piece);
  }

  @Test
  void messagesExactlyAtEachLimitDecode() throws Exception {
    Limits limits = new Limits(100, 7, 50);
    List<PeerMessage> atLimits =
        List.of(
            Piece.of(0, 0, new byte[100]),
            new Request(0, 0, 100),
            new Cancel(0, 0, 100),
            new RejectRequest(0, 0, 100),
            new Bitfield(new byte[7]),
            new Extended(1, new byte[50]));

    assertEquals(atLimits, decodeAll(ByteBuffer.wrap(encode(atLimits)), limits));
    assertEquals(4 + 9 + 100, limits.maxFrameBytes());
  }

  @Test
  void defaultLimitsAllowSixteenKibBlocksAndOneMibExtendedMessages() throws Exception {
    Limits limits = Limits.forPieceCount(8 * 1024 + 1);
    List<PeerMessage> atLimits =
        List.of(
            Piece.of(0, 0, new byte[16 * 1024]),
            new Bitfield(new byte[1025]),
            new Extended(1, new byte[1024 * 1024]));

    assertEquals(atLimits, decodeAll(ByteBuffer.wrap(encode(atLimits)), limits));
    assertEquals(4 + 2 + 1024 * 1024, limits.maxFrameBytes());
  }

  @Test
  void decodesFromAReadOnlyBuffer() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(encode(Piece.of(1, 2, new byte[] {5}))).asReadOnlyBuffer();

    assertEquals(Piece.of(1, 2, new byte[] {5}), PeerWireCodec.decode(in, LIMITS));
    assertNull(PeerWireCodec.decode(in, LIMITS));
  }
}
