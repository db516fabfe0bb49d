package io.mcbt.metainfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes bencode by hand for tests, independently of the production code, so that inputs can be
 * deliberately wrong: keys in any order, repeated keys, non-string keys, raw bytes anywhere.
 *
 * <p>Values are {@link Raw} (written as is), {@link String} (a UTF-8 byte string), {@code byte[]}
 * (a byte string), {@link Number} (an integer) or {@link List} (a list).
 */
final class Bencoding {
  /** Bytes that are written exactly as given. */
  record Raw(byte[] bytes) {
    Raw {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    int length() {
      return bytes.length;
    }

    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private Bencoding() {}

  /** Latin-1 text written byte for byte, for hand-written bencode such as {@code "i-0e"}. */
  static Raw raw(String latin1) {
    return new Raw(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  static Raw raw(byte[] bytes) {
    return new Raw(bytes);
  }

  static Raw str(String text) {
    return str(text.getBytes(StandardCharsets.UTF_8));
  }

  static Raw str(byte[] bytes) {
    return concat(raw(bytes.length + ":"), new Raw(bytes));
  }

  static Raw integer(long value) {
    return raw("i" + value + "e");
  }

  static Raw list(Object... items) {
    Raw[] parts = new Raw[items.length + 2];
    parts[0] = raw("l");
    for (int i = 0; i < items.length; i++) {
      parts[i + 1] = encode(items[i]);
    }
    parts[items.length + 1] = raw("e");
    return concat(parts);
  }

  /** A dictionary with its entries in exactly the given order; a key may be a {@link Raw}. */
  static Raw dict(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Raw[] parts = new Raw[keysAndValues.length + 2];
    parts[0] = raw("d");
    for (int i = 0; i < keysAndValues.length; i++) {
      parts[i + 1] = encode(keysAndValues[i]);
    }
    parts[keysAndValues.length + 1] = raw("e");
    return concat(parts);
  }

  static Raw concat(Raw... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Raw part : parts) {
      out.writeBytes(part.bytes);
    }
    return new Raw(out.toByteArray());
  }

  static Raw repeat(String latin1, int times) {
    return raw(latin1.repeat(times));
  }

  /** {@code count} fake piece hashes. */
  static Raw pieces(int count) {
    byte[] hashes = new byte[count * 20];
    Arrays.fill(hashes, (byte) 0xab);
    return str(hashes);
  }

  private static Raw encode(Object value) {
    if (value instanceof Raw raw) {
      return raw;
    }
    if (value instanceof String text) {
      return str(text);
    }
    if (value instanceof byte[] bytes) {
      return str(bytes);
    }
    if (value instanceof Number number) {
      return integer(number.longValue());
    }
    if (value instanceof List<?> items) {
      return list(items.toArray());
    }
    throw new IllegalArgumentException("cannot bencode " + value);
  }
}
