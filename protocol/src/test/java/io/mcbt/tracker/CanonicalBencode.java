package io.mcbt.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Asserts that bytes are one bencoded value in canonical form (BEP 3): integers without leading
 * zeros or {@code -0}, string lengths without leading zeros, dictionary keys strictly ascending as
 * raw bytes, nothing after the value.
 */
final class CanonicalBencode {
  private final byte[] data;
  private int at;

  private CanonicalBencode(byte[] data) {
    this.data = data;
  }

  static void assertCanonical(byte[] data) {
    CanonicalBencode reader = new CanonicalBencode(data);
    reader.value();
    assertEquals(data.length, reader.at, "bytes after the bencoded value");
  }

  private void value() {
    switch (peek()) {
      case 'i' -> integer();
      case 'l' -> {
        at++;
        while (peek() != 'e') {
          value();
        }
        at++;
      }
      case 'd' -> {
        at++;
        byte[] previous = null;
        while (peek() != 'e') {
          byte[] key = string();
          if (previous != null) {
            assertTrue(
                Arrays.compareUnsigned(previous, key) < 0,
                "dictionary keys out of order at offset " + at);
          }
          previous = key;
          value();
        }
        at++;
      }
      default -> string();
    }
  }

  private void integer() {
    at++;
    int start = at;
    if (peek() == '-') {
      at++;
    }
    int digits = at;
    while (peek() != 'e') {
      assertDigit();
      at++;
    }
    assertTrue(at > digits, "empty integer at offset " + start);
    assertTrue(data[digits] != '0' || at == digits + 1, "leading zero at offset " + start);
    assertTrue(!(data[digits] == '0' && digits > start), "-0 at offset " + start);
    at++;
  }

  private byte[] string() {
    int start = at;
    while (peek() != ':') {
      assertDigit();
      at++;
    }
    assertTrue(at > start, "empty string length at offset " + start);
    assertTrue(data[start] != '0' || at == start + 1, "leading zero at offset " + start);
    int length = Integer.parseInt(new String(data, start, at - start, StandardCharsets.US_ASCII));
    at++;
    assertTrue(at + length <= data.length, "string past the end at offset " + start);
    byte[] bytes = Arrays.copyOfRange(data, at, at + length);
    at += length;
    return bytes;
  }

  private void assertDigit() {
    assertTrue(data[at] >= '0' && data[at] <= '9', "not a digit at offset " + at);
  }

  private byte peek() {
    if (at >= data.length) {
      fail("bencode ends early");
    }
    return data[at];
  }
}
