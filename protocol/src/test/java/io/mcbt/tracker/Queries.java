package io.mcbt.tracker;

import java.util.Arrays;
import java.util.HexFormat;

/** Builds raw announce and scrape query strings the way clients send them. */
final class Queries {
  private static final HexFormat UPPER = HexFormat.of().withUpperCase();
  private static final HexFormat LOWER = HexFormat.of();

  private Queries() {}

  /** Every byte as {@code %XX}, alternating between upper-, lower- and mixed-case hex digits. */
  static String percentEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (int i = 0; i < bytes.length; i++) {
      String upper = UPPER.toHexDigits(bytes[i]);
      String lower = LOWER.toHexDigits(bytes[i]);
      out.append('%')
          .append(
              switch (i % 3) {
                case 0 -> upper;
                case 1 -> lower;
                default -> upper.charAt(0) + lower.substring(1);
              });
    }
    return out.toString();
  }

  static byte[] bytes(int first, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  static byte[] filled(int value, int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
