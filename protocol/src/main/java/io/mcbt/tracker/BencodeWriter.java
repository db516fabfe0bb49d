package io.mcbt.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes bencode straight into one growing buffer. Tracker replies are written on every announce,
 * so they are built here without the map-per-dictionary and stream-per-value of a general encoder;
 * callers write dictionary keys in sorted order, as BEP 3 requires.
 */
final class BencodeWriter {
  private final ByteArrayOutputStream out;

  BencodeWriter(int expectedSize) {
    out = new ByteArrayOutputStream(expectedSize);
  }

  BencodeWriter beginDictionary() {
    out.write('d');
    return this;
  }

  BencodeWriter beginList() {
    out.write('l');
    return this;
  }

  BencodeWriter end() {
    out.write('e');
    return this;
  }

  BencodeWriter key(String key) {
    return string(key);
  }

  BencodeWriter string(String value) {
    return bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  BencodeWriter bytes(byte[] value) {
    return bytes(value, 0, value.length);
  }

  BencodeWriter bytes(byte[] value, int offset, int length) {
    ascii(Integer.toString(length));
    out.write(':');
    out.write(value, offset, length);
    return this;
  }

  BencodeWriter integer(long value) {
    out.write('i');
    ascii(Long.toString(value));
    out.write('e');
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void ascii(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      out.write(digits.charAt(i));
    }
  }
}
