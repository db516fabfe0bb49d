package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InfoHashTest {
  private static final String HEX = "d5d642f6c9ac881baa3731ca5453a6008ef5e023";
  private static final String BASE32 = "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYBD";

  @Test
  void hexRoundTrips() {
    InfoHash hash = InfoHash.fromHex(HEX);

    assertEquals(HEX, hash.hex());
    assertEquals(HEX, hash.toString());
    assertArrayEquals(TestData.unhex(HEX), hash.bytes());
  }

  @Test
  void acceptsUpperAndMixedCaseHex() {
    assertEquals(InfoHash.fromHex(HEX), InfoHash.fromHex(HEX.toUpperCase()));
    assertEquals(HEX, InfoHash.fromHex("D5d642F6c9ac881baa3731ca5453a6008ef5E023").hex());
    assertTrue(InfoHash.isHex(HEX.toUpperCase()));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "d5d642f6c9ac881baa3731ca5453a6008ef5e02",
        "d5d642f6c9ac881baa3731ca5453a6008ef5e0233",
        "d5d642f6c9ac881baa3731ca5453a6008ef5e02g",
        "d5d642f6c9ac881baa3731ca5453a6008ef5e02 ",
        "0xd5d642f6c9ac881baa3731ca5453a6008ef5e0",
        "d5d642f6c9ac881baa3731ca5453a6008ef5e0２３",
        "+5d642f6c9ac881baa3731ca5453a6008ef5e023",
      })
  void rejectsBadHex(String text) {
    assertThrows(IllegalArgumentException.class, () -> InfoHash.fromHex(text));
    assertFalse(InfoHash.isHex(text));
  }

  @Test
  void decodesKnownBase32() {
    assertEquals(InfoHash.fromHex(HEX), InfoHash.fromBase32(BASE32));
    assertEquals(InfoHash.fromHex(HEX), InfoHash.fromBase32(BASE32.toLowerCase()));
    assertEquals(
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        InfoHash.fromBase32("VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5").hex());
  }

  @Test
  void base32AgreesWithAnIndependentEncoder() {
    Random random = new Random(32);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[20];
      random.nextBytes(bytes);

      assertEquals(new InfoHash(bytes), InfoHash.fromBase32(base32(bytes)));
    }
    assertEquals(BASE32, base32(TestData.unhex(HEX)));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYB",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYBDA",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYB1",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYB=",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLYıD",
        "2XLEF5WJVSEBXKRXGHFFIU5GACHPLßßD",
      })
  void rejectsBadBase32(String text) {
    assertThrows(IllegalArgumentException.class, () -> InfoHash.fromBase32(text));
  }

  @Test
  void parseAcceptsEitherForm() {
    assertEquals(InfoHash.fromHex(HEX), InfoHash.parse(BASE32));
    assertEquals(InfoHash.fromHex(HEX), InfoHash.parse(HEX));
    assertThrows(IllegalArgumentException.class, () -> InfoHash.parse("abc"));
    assertThrows(IllegalArgumentException.class, () -> InfoHash.parse(null));
  }

  @Test
  void rejectsWrongByteCount() {
    assertThrows(IllegalArgumentException.class, () -> new InfoHash(new byte[19]));
    assertThrows(IllegalArgumentException.class, () -> new InfoHash(new byte[21]));
    assertThrows(IllegalArgumentException.class, () -> new InfoHash(null));
  }

  @Test
  void equalsAndHashCodeCompareContent() {
    InfoHash a = new InfoHash(TestData.unhex(HEX));
    InfoHash b = InfoHash.fromHex(HEX.toUpperCase());
    InfoHash c = InfoHash.fromHex("0000000000000000000000000000000000000000");

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
    assertNotEquals(a, HEX);
  }

  @Test
  void isImmutable() {
    byte[] input = TestData.unhex(HEX);
    InfoHash hash = new InfoHash(input);

    input[0] = 0;
    hash.bytes()[1] = 0;

    assertEquals(HEX, hash.hex());
  }

  @Test
  void hashesTheGivenSliceOnly() {
    byte[] data = "xxabcyy".getBytes(StandardCharsets.US_ASCII);

    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", InfoHash.of(data, 2, 3).hex());
  }

  /** RFC 4648 base32 without padding, one bit at a time. */
  private static String base32(byte[] bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder bits = new StringBuilder();
    for (byte b : bytes) {
      for (int i = 7; i >= 0; i--) {
        bits.append((b >> i) & 1);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bits.length(); i += 5) {
      out.append(alphabet.charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
    }
    return out.toString();
  }
}
