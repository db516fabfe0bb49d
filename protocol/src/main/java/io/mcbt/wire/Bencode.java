package io.mcbt.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bencode (BEP 3) that BEP 10 and BEP 9 payloads carry: a small dictionary, maybe followed by
 * raw bytes, so the reader says where the value ends. Values are {@link Long}, {@code byte[]},
 * {@link List} and {@link Map} with {@link String} keys. Peers are not trusted: nesting is bounded,
 * declared string lengths are checked against the input before anything is allocated, and integers
 * must fit in a {@code long}. Non-canonical input (unsorted keys, leading zeros) is accepted, as
 * other clients send it.
 */
public final class Bencode {
  static final int MAX_DEPTH = 16;

  /** A decoded value and the offset just past it. */
  record Decoded(Object value, int end) {}

  private final byte[] data;
  private final int limit;
  private int position;

  private Bencode(byte[] data, int offset, int limit) {
    this.data = data;
    this.position = offset;
    this.limit = limit;
  }

  /** Reads one value at {@code offset}; bytes may follow it. */
  static Decoded decode(byte[] data, int offset) throws MalformedMessageException {
    Bencode reader = new Bencode(data, offset, data.length);
    Object value = reader.value(0);
    return new Decoded(value, reader.position);
  }

  /** Reads a dictionary at {@code offset}, the first thing of every BEP 9 and BEP 10 payload. */
  static Decoded decodeDictionary(byte[] data, int offset) throws MalformedMessageException {
    if (offset >= data.length || data[offset] != 'd') {
      throw new MalformedMessageException("bencode: expected a dictionary at offset " + offset);
    }
    return decode(data, offset);
  }

  private Object value(int depth) throws MalformedMessageException {
    if (depth > MAX_DEPTH) {
      throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
    }
    int c = peek();
    if (c == 'i') {
      position++;
      return integer('e');
    } else if (c == 'l') {
      position++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        list.add(value(depth + 1));
      }
      position++;
      return list;
    } else if (c == 'd') {
      position++;
      Map<String, Object> map = new TreeMap<>();
      while (peek() != 'e') {
        if (peek() < '0' || peek() > '9') {
          throw malformed("a dictionary key must be a byte string");
        }
        String key = new String(string(), StandardCharsets.UTF_8);
        map.put(key, value(depth + 1));
      }
      position++;
      return Collections.unmodifiableMap(map);
    } else if (c >= '0' && c <= '9') {
      return string();
    }
    throw malformed(String.format("unexpected byte 0x%02x", c));
  }

  private long integer(char end) throws MalformedMessageException {
    int start = position;
    while (peek() != end) {
      position++;
      if (position - start > 20) {
        throw malformed("integer too long");
      }
    }
    String digits = new String(data, start, position - start, StandardCharsets.US_ASCII);
    position++;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw malformed("not an integer: \"" + digits + "\"");
    }
  }

  private byte[] string() throws MalformedMessageException {
    long length = integer(':');
    if (length < 0 || length > limit - position) {
      throw malformed("string of " + length + " bytes runs past the end");
    }
    byte[] bytes = new byte[(int) length];
    System.arraycopy(data, position, bytes, 0, bytes.length);
    position += bytes.length;
    return bytes;
  }

  private int peek() throws MalformedMessageException {
    if (position >= limit) {
      throw malformed("the input ends inside a value");
    }
    return data[position] & 0xFF;
  }

  private MalformedMessageException malformed(String what) {
    return new MalformedMessageException("bencode: " + what + " at offset " + position);
  }

  /**
   * Writes {@code value} (a {@link Long} or {@link Integer}, {@code byte[]}, {@link String}, {@link
   * List} or {@link Map} with {@link String} keys) canonically: dictionary keys sorted.
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private static void write(Object value, ByteArrayOutputStream out) {
    if (value instanceof Long || value instanceof Integer) {
      out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof byte[] bytes) {
      out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    } else if (value instanceof String text) {
      write(text.getBytes(StandardCharsets.UTF_8), out);
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(item -> write(item, out));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      new TreeMap<>(map)
          .forEach(
              (key, item) -> {
                write((String) key, out);
                write(item, out);
              });
      out.write('e');
    } else {
      throw new IllegalArgumentException("not bencodable: " + value);
    }
  }
}
