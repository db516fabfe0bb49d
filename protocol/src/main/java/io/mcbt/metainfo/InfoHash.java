package io.mcbt.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-1 of a torrent's bencoded {@code info} dictionary (BEP 3): the torrent's identity.
 *
 * @param bytes exactly 20 bytes; copied in and out so the value stays immutable
 */
public record InfoHash(byte[] bytes) {
  public static final int LENGTH = 20;
  private static final HexFormat HEX = HexFormat.of();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  public InfoHash {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an info-hash is 20 bytes");
    }
    bytes = bytes.clone();
  }

  /** Hashes the exact bytes of an {@code info} dictionary as they were received. */
  public static InfoHash of(byte[] data, int offset, int length) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(data, offset, length);
      return new InfoHash(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /** Parses 40 hexadecimal digits (either case). */
  public static InfoHash fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH || !hex.chars().allMatch(InfoHash::isHexDigit)) {
      throw new IllegalArgumentException("an info-hash is 40 hexadecimal digits");
    }
    return new InfoHash(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
  }

  /** Parses the 32-character base32 form that older magnet links use (BEP 9). */
  public static InfoHash fromBase32(String text) {
    if (text == null || text.length() != 32) {
      throw new IllegalArgumentException("a base32 info-hash is 32 characters");
    }
    byte[] out = new byte[LENGTH];
    long buffer = 0;
    int bits = 0;
    int index = 0;
    for (char c : text.toCharArray()) {
      int value = BASE32.indexOf(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
      if (value < 0) {
        throw new IllegalArgumentException("not a base32 digit: " + c);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[index++] = (byte) (buffer >>> bits);
      }
    }
    return new InfoHash(out);
  }

  /** Accepts the hex or base32 form. */
  public static InfoHash parse(String text) {
    return text != null && text.length() == 32 ? fromBase32(text) : fromHex(text);
  }

  public static boolean isHex(String text) {
    return text != null
        && text.length() == 2 * LENGTH
        && text.chars().allMatch(InfoHash::isHexDigit);
  }

  private static boolean isHexDigit(int c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex, the form used in URLs and logs. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
