package io.mcbt.metainfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks that some bytes are exactly one canonical bencoded dictionary, and records where each of
 * its top-level values lies.
 *
 * <p>The bencode library decodes values but cannot say where a value's bytes are (we must hash the
 * {@code info} dictionary as received, never a re-encoding), does not bound nesting depth, accepts
 * non-canonical integers and trusts declared string lengths. This scanner runs first, so the
 * library only ever sees input that is well formed and whose declared lengths are all present.
 */
final class BencodeScanner {
  /** The span of a value in the input: {@code [start, end)}. */
  record Span(int start, int end) {
    int length() {
      return end - start;
    }
  }

  private static final int MAX_INTEGER_DIGITS = 19;

  private final byte[] data;
  private final int maxDepth;
  private int position;

  private BencodeScanner(byte[] data, int maxDepth) {
    this.data = data;
    this.maxDepth = maxDepth;
  }

  /**
   * Scans {@code data} and returns the span of every value of the top-level dictionary, by key.
   *
   * @throws MalformedTorrentException naming the first problem and its byte offset
   */
  static Map<String, Span> topLevelSpans(byte[] data, int maxDepth)
      throws MalformedTorrentException {
    if (data.length == 0) {
      throw new MalformedTorrentException("not bencode: the input is empty");
    }
    if (data[0] != 'd') {
      throw new MalformedTorrentException("not bencode: a torrent must start with a dictionary");
    }
    BencodeScanner scanner = new BencodeScanner(data, maxDepth);
    Map<String, Span> spans = new LinkedHashMap<>();
    scanner.dictionary(1, spans);
    if (scanner.position != data.length) {
      throw new MalformedTorrentException(
          "trailing bytes after the torrent dictionary at offset " + scanner.position);
    }
    return spans;
  }

  private void value(int depth) throws MalformedTorrentException {
    int c = peek();
    switch (c) {
      case 'i' -> integer();
      case 'l' -> list(depth + 1);
      case 'd' -> dictionary(depth + 1, null);
      default -> {
        if (c >= '0' && c <= '9') {
          string();
        } else {
          throw malformed("unexpected byte 0x%02x", c);
        }
      }
    }
  }

  private void list(int depth) throws MalformedTorrentException {
    checkDepth(depth);
    position++;
    while (peek() != 'e') {
      value(depth);
    }
    position++;
  }

  private void dictionary(int depth, Map<String, Span> topLevelSpans)
      throws MalformedTorrentException {
    checkDepth(depth);
    position++;
    Set<ByteBuffer> keys = new HashSet<>();
    while (peek() != 'e') {
      int keyAt = position;
      if (peek() < '0' || peek() > '9') {
        throw malformed("a dictionary key must be a byte string");
      }
      Span key = string();
      if (!keys.add(ByteBuffer.wrap(data, key.start(), key.length()))) {
        position = keyAt;
        throw malformed("duplicate dictionary key \"%s\"", text(key));
      }
      int valueAt = position;
      value(depth);
      if (topLevelSpans != null) {
        topLevelSpans.put(text(key), new Span(valueAt, position));
      }
    }
    position++;
  }

  private void integer() throws MalformedTorrentException {
    int start = ++position;
    if (peek() == '-') {
      position++;
    }
    int digitsAt = position;
    while (peek() >= '0' && peek() <= '9') {
      position++;
    }
    int digits = position - digitsAt;
    if (peek() != 'e' || digits == 0) {
      throw malformed("an integer must be digits closed by 'e'");
    }
    if (digits > MAX_INTEGER_DIGITS || !fitsInLong(start, position)) {
      throw malformed("integer out of range");
    }
    boolean leadingZero = data[digitsAt] == '0' && digits > 1;
    boolean negativeZero = digitsAt > start && data[digitsAt] == '0';
    if (leadingZero || negativeZero) {
      throw malformed("integer is not canonical (leading zero or -0)");
    }
    position++;
  }

  /** The bencode library silently wraps integers beyond a long, so they must not reach it. */
  private boolean fitsInLong(int from, int to) {
    try {
      Long.parseLong(new String(data, from, to - from, StandardCharsets.US_ASCII));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Span string() throws MalformedTorrentException {
    int digitsAt = position;
    long length = 0;
    while (peek() >= '0' && peek() <= '9') {
      length = length * 10 + (data[position++] - '0');
      if (length > data.length) {
        throw malformed("string length exceeds the input");
      }
    }
    if (peek() != ':') {
      throw malformed("a string length must be followed by ':'");
    }
    if (data[digitsAt] == '0' && position - digitsAt > 1) {
      throw malformed("string length has a leading zero");
    }
    position++;
    if (length > data.length - position) {
      throw malformed("string of %d bytes runs past the end of the input", length);
    }
    Span span = new Span(position, position + (int) length);
    position = span.end();
    return span;
  }

  private int peek() throws MalformedTorrentException {
    if (position >= data.length) {
      throw new MalformedTorrentException("not bencode: the input ends too early");
    }
    return data[position] & 0xff;
  }

  private void checkDepth(int depth) throws MalformedTorrentException {
    if (depth > maxDepth) {
      throw malformed("nesting deeper than %d levels", maxDepth);
    }
  }

  private String text(Span span) {
    return new String(data, span.start(), span.length(), StandardCharsets.UTF_8);
  }

  private MalformedTorrentException malformed(String format, Object... args) {
    return new MalformedTorrentException(
        "not bencode: " + String.format(format, args) + " at offset " + position);
  }
}
