package io.mcbt.wire;

import static io.mcbt.wire.WireTestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerId;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeTest {
  private static final InfoHash INFO_HASH =
      InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
  private static final PeerId PEER_ID =
      new PeerId("-MC0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

  /** What libtorrent sends: extension protocol, fast extension and DHT bits set. */
  private static final String LIBTORRENT_LIKE =
      "13 426974546f7272656e742070726f746f636f6c"
          + " 0000000000100005"
          + " 0102030405060708090a0b0c0d0e0f1011121314"
          + " 2d4d43303030312d6162636465666768696a6b6c";

  @Test
  void encodesToSixtyEightBytes() {
    Handshake handshake =
        new Handshake(0, INFO_HASH, PEER_ID)
            .withReserved(Handshake.EXTENSION_PROTOCOL | Handshake.FAST_EXTENSION | Handshake.DHT);
    ByteBuffer out = ByteBuffer.allocate(80);

    handshake.encode(out);

    assertEquals(Handshake.LENGTH, out.position());
    assertEquals(LIBTORRENT_LIKE.replace(" ", ""), hex(Arrays.copyOf(out.array(), 68)));
  }

  @Test
  void decodesTheReservedBitsOfBep5Bep6AndBep10() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(hex(LIBTORRENT_LIKE));

    Handshake handshake = Handshake.decode(in);

    assertEquals(68, in.position());
    assertEquals(INFO_HASH, handshake.infoHash());
    assertEquals(PEER_ID, handshake.peerId());
    assertTrue(handshake.supportsExtensionProtocol());
    assertTrue(handshake.supportsFastExtension());
    assertTrue(handshake.supportsDht());
    assertArrayEquals(hex("0000000000100005"), handshake.reservedBytes());
  }

  @Test
  void eachReservedBitIsTheByteAndMaskTheBepsName() {
    byte[] reserved = new byte[8];
    reserved[7] = 0x04;
    assertEquals(Handshake.FAST_EXTENSION, ByteBuffer.wrap(reserved).getLong());
    reserved[7] = 0x01;
    assertEquals(Handshake.DHT, ByteBuffer.wrap(reserved).getLong());
    reserved[7] = 0;
    reserved[5] = 0x10;
    assertEquals(Handshake.EXTENSION_PROTOCOL, ByteBuffer.wrap(reserved).getLong());

    Handshake plain = new Handshake(0, INFO_HASH, PEER_ID);
    assertFalse(plain.supportsFastExtension());
    assertFalse(plain.supportsExtensionProtocol());
    assertFalse(plain.supportsDht());
  }

  @Test
  void roundTripsFromALittleEndianBufferAndAPosition() throws Exception {
    Handshake sent = new Handshake(0x8000_0000_0000_0001L, INFO_HASH, PEER_ID);
    ByteBuffer buffer = ByteBuffer.allocate(70).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 7).put((byte) 7);
    sent.encode(buffer);
    buffer.flip().position(2);

    assertEquals(sent, Handshake.decode(buffer));
    assertEquals("8000000000000001", hex(Arrays.copyOfRange(buffer.array(), 22, 30)));
  }

  @Test
  void handshakeAndFirstMessageInOneRead() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(hex(LIBTORRENT_LIKE + " 00000001 0e"));

    Handshake.decode(in);

    assertEquals(PeerMessage.HAVE_ALL, PeerWireCodec.decode(in, WireTestData.LIMITS));
  }

  static Stream<Arguments> wrongStarts() {
    return Stream.of(
        Arguments.of("pstrlen 0", "00", "pstrlen is 0, expected 19"),
        Arguments.of("pstrlen 20", "14", "pstrlen is 20"),
        Arguments.of("pstrlen 0xff", "ff", "pstrlen is 255"),
        Arguments.of("HTTP request", "474554202f", "pstrlen is 71"),
        Arguments.of("lower case b", "13 62", "at byte 0: 0x62"),
        Arguments.of("BitTorrent Protocol", "13 426974546f7272656e742050", "at byte 11"),
        Arguments.of(
            "encrypted-looking", "13 426974546f7272656e742070726f746f636f00", "at byte 18"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongStarts")
  void aWrongPstrIsRefusedAsSoonAsItsBytesArrive(String what, String start, String reason) {
    ByteBuffer in = ByteBuffer.wrap(hex(start));

    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> Handshake.decode(in));

    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertEquals(0, in.position());
  }

  @Test
  void aPartialButCorrectPstrNeedsMoreBytes() throws Exception {
    assertNull(Handshake.decode(ByteBuffer.wrap(hex("13 426974"))));
  }

  @Test
  void encodeWritesNothingWhenTheBufferIsTooSmall() {
    ByteBuffer out = ByteBuffer.allocate(67);

    assertThrows(
        BufferOverflowException.class, () -> new Handshake(0, INFO_HASH, PEER_ID).encode(out));
    assertEquals(0, out.position());
  }

  @Test
  void requiresAnInfoHashAndAPeerId() {
    assertThrows(IllegalArgumentException.class, () -> new Handshake(0, null, PEER_ID));
    assertThrows(IllegalArgumentException.class, () -> new Handshake(0, INFO_HASH, null));
  }
}
