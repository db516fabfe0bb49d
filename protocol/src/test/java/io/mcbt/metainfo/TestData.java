package io.mcbt.metainfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Deterministic data and independent hashing for tests. */
final class TestData {
  private TestData() {}

  /**
   * The low byte of each step of a 32-bit xorshift (13, 17, 5) generator started at {@code seed};
   * the fixtures' README has the same generator in Python.
   */
  static byte[] xorshift(int seed, int length) {
    byte[] out = new byte[length];
    int x = seed;
    for (int i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = (byte) x;
    }
    return out;
  }

  static byte[] sha1(byte[] data, int from, int to) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(data, from, to - from);
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] sha1(byte[] data) {
    return sha1(data, 0, data.length);
  }

  /** The concatenated SHA-1 of each {@code pieceLength} slice of {@code data}. */
  static byte[] pieceHashes(byte[] data, int pieceLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int from = 0; from < data.length; from += pieceLength) {
      out.writeBytes(sha1(data, from, Math.min(data.length, from + pieceLength)));
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static byte[] resource(String name) {
    try (InputStream in = TestData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of the {@code info} value of a torrent whose last top-level key is {@code info}, as
   * {@link TorrentCreator} writes it: from after the first {@code 4:info} to before the final
   * {@code e}.
   */
  static byte[] infoValueAtEnd(byte[] torrent) {
    int start = indexOf(torrent, "4:infod".getBytes(StandardCharsets.US_ASCII)) + "4:info".length();
    return Arrays.copyOfRange(torrent, start, torrent.length - 1);
  }

  /** The index of the first occurrence of {@code needle} in {@code haystack}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
