package io.mcbt.peer.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people write them: "256K", "1M", "37.5 MiB". Units are powers of 1024. */
final class ByteSizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,19})\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSizes() {}

  /**
   * Parses a whole number of bytes with an optional K, M or G suffix ("256K", "1M", "1MiB",
   * "262144").
   *
   * @throws IllegalArgumentException if the text is not such a size
   */
  static long parse(String text) {
    Matcher matcher = SIZE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a size: write bytes, or a number with K or M, like 256K");
    }
    int shift =
        switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          default -> 0;
        };
    try {
      long number = Long.parseLong(matcher.group(1));
      return Math.multiplyExact(number, 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
  }

  /** "512 B", "1.5 KiB", "16 KiB", "37.5 MiB", "512 MiB", "1.2 GiB". */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    // 1023.5 would print as "1024 KiB"; move on to the next unit instead.
    while (value >= 1023.5 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = String.format(Locale.ROOT, value < 99.95 ? "%.1f" : "%.0f", value);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return number + " " + UNITS[unit];
  }
}
