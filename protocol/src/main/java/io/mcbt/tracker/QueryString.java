package io.mcbt.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw URL query string, decoded to bytes. Announce and scrape queries carry binary values ({@code
 * info_hash}, {@code peer_id}) percent-encoded byte by byte, so they must not go through a text
 * decoder.
 */
final class QueryString {
  static final int MAX_LENGTH = 8192;
  static final int MAX_PARAMETERS = 256;

  private final Map<String, List<byte[]>> values;

  private QueryString(Map<String, List<byte[]>> values) {
    this.values = values;
  }

  static QueryString parse(String raw) throws TrackerFailure {
    if (raw == null) {
      return new QueryString(Map.of());
    }
    if (raw.length() > MAX_LENGTH) {
      throw new TrackerFailure("query string longer than " + MAX_LENGTH + " characters");
    }
    Map<String, List<byte[]>> values = new HashMap<>();
    int count = 0;
    int start = 0;
    while (start <= raw.length()) {
      int end = raw.indexOf('&', start);
      if (end < 0) {
        end = raw.length();
      }
      if (end > start) {
        if (++count > MAX_PARAMETERS) {
          throw new TrackerFailure("more than " + MAX_PARAMETERS + " query parameters");
        }
        int equals = raw.indexOf('=', start);
        String name;
        byte[] value;
        if (equals < 0 || equals > end) {
          name = text(decode(raw, start, end));
          value = new byte[0];
        } else {
          name = text(decode(raw, start, equals));
          value = decode(raw, equals + 1, end);
        }
        values.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    return new QueryString(values);
  }

  /** The only value of {@code name}, or null when absent. */
  byte[] bytes(String name) throws TrackerFailure {
    List<byte[]> all = values.get(name);
    if (all == null) {
      return null;
    }
    if (all.size() > 1) {
      throw new TrackerFailure("parameter " + name + " given more than once");
    }
    return all.get(0);
  }

  List<byte[]> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  String text(String name) throws TrackerFailure {
    byte[] value = bytes(name);
    return value == null ? null : text(value);
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] decode(String raw, int from, int to) throws TrackerFailure {
    int escapes = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        return decodeWithText(raw, from, to);
      }
      if (c == '%') {
        // Checked here, not while writing: the length below counts on every escape being whole.
        escaped(raw, i, to);
        escapes++;
        i += 2;
      }
    }
    // The usual case, ASCII only: the decoded length is known, so decode straight into it.
    byte[] out = new byte[Math.max(0, to - from - 2 * escapes)];
    int at = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        out[at++] = (byte) escaped(raw, i, to);
        i += 2;
      } else {
        out[at++] = (byte) (c == '+' ? ' ' : c);
      }
    }
    return out;
  }

  private static int escaped(String raw, int at, int to) throws TrackerFailure {
    if (at + 2 >= to) {
      throw new TrackerFailure("incomplete percent-escape in the query string");
    }
    int high = hexDigit(raw.charAt(at + 1));
    int low = hexDigit(raw.charAt(at + 2));
    if (high < 0 || low < 0) {
      throw new TrackerFailure("invalid percent-escape in the query string");
    }
    return high << 4 | low;
  }

  /** Clients should percent-encode everything but ASCII; what else comes is taken as UTF-8. */
  private static byte[] decodeWithText(String raw, int from, int to) throws TrackerFailure {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        out.write(escaped(raw, i, to));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        int next = i + 1 < to && Character.isSurrogatePair(c, raw.charAt(i + 1)) ? i + 2 : i + 1;
        byte[] utf8 = raw.substring(i, next).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        i = next - 1;
      }
    }
    return out.toByteArray();
  }

  /** Only ASCII hex digits: {@link Character#digit} also accepts full-width and other scripts. */
  private static int hexDigit(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
