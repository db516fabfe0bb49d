package io.mcbt.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdTest {
  @Test
  void isAValueThatCopiesItsBytes() {
    byte[] bytes = "-TR3000-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    PeerId id = new PeerId(bytes);
    bytes[0] = 'X';
    id.bytes()[1] = 'X';

    assertArrayEquals("-TR3000-abcdefghijkl".getBytes(StandardCharsets.US_ASCII), id.bytes());
    assertEquals(new PeerId("-TR3000-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)), id);
    assertEquals(
        new PeerId("-TR3000-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)).hashCode(),
        id.hashCode());
    assertNotEquals(new PeerId("-TR3000-abcdefghijkm".getBytes(StandardCharsets.US_ASCII)), id);
  }

  @Test
  void printsUnprintableBytesAsDots() {
    byte[] bytes = "-qB4650-\0\u001f ~\u007fxxxxxxx".getBytes(StandardCharsets.ISO_8859_1);
    bytes[19] = (byte) 0xFF;

    assertEquals("-qB4650-.. ~.xxxxxx.", new PeerId(bytes).toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 19, 21})
  void refusesAnythingButTwentyBytes(int length) {
    assertThrows(IllegalArgumentException.class, () -> new PeerId(new byte[length]));
  }
}
