package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataMessageTest {
  @Test
  void encodesTheExamplesOfBep9() {
    assertEquals("d8:msg_typei0e5:piecei0ee", ascii(MetadataMessage.request(0).encode()));
    assertEquals("d8:msg_typei2e5:piecei0ee", ascii(MetadataMessage.reject(0).encode()));
    assertEquals(
        "d8:msg_typei1e5:piecei0e10:total_sizei34256eexyz",
        ascii(MetadataMessage.data(0, 34256, "xyz".getBytes(StandardCharsets.US_ASCII)).encode()));
  }

  @Test
  void roundTripsRandomMessages() throws Exception {
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      byte[] data = new byte[random.nextInt(MetadataMessage.PIECE_BYTES + 1)];
      random.nextBytes(data);
      MetadataMessage message =
          switch (i % 3) {
            case 0 -> MetadataMessage.request(random.nextInt(1000));
            case 1 -> MetadataMessage.reject(random.nextInt(1000));
            default -> MetadataMessage.data(random.nextInt(1000), 1 << 20, data);
          };
      assertEquals(message, MetadataMessage.decode(message.encode()));
    }
  }

  @Test
  void aDataPieceMayHoldADictionaryLookalike() throws Exception {
    byte[] data = "d8:msg_typei2ee".getBytes(StandardCharsets.US_ASCII);
    MetadataMessage decoded = MetadataMessage.decode(MetadataMessage.data(3, 99, data).encode());
    assertArrayEquals(data, decoded.data());
    assertEquals(MetadataMessage.Type.DATA, decoded.type());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "d5:piecei0ee",
        "d8:msg_typei3e5:piecei0ee",
        "d8:msg_typei0e5:piecei-1ee",
        "d8:msg_typei0ee",
        "d8:msg_typei0e5:piecei0eex",
        "d8:msg_typei1e5:piecei0ee",
        "d8:msg_typei1e5:piecei0e10:total_sizei-5ee",
        "d8:msg_typei0e5:piecei4294967296ee",
        "i0e",
      })
  void refusesMalformedPayloads(String payload) {
    assertThrows(
        MalformedMessageException.class,
        () -> MetadataMessage.decode(payload.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void refusesADataPieceOverSixteenKibibytes() {
    byte[] head =
        "d8:msg_typei1e5:piecei0e10:total_sizei99999ee".getBytes(StandardCharsets.US_ASCII);
    byte[] payload = Arrays.copyOf(head, head.length + MetadataMessage.PIECE_BYTES + 1);
    assertThrows(MalformedMessageException.class, () -> MetadataMessage.decode(payload));
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
