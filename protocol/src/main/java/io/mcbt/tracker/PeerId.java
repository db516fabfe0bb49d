package io.mcbt.tracker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 20 bytes a client names itself with in a swarm (BEP 3).
 *
 * @param bytes exactly 20 bytes
 */
public record PeerId(byte[] bytes) {
  public static final int LENGTH = 20;

  public PeerId {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a peer id is 20 bytes");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Printable characters as they are (clients put their name there), others as {@code .}. */
  @Override
  public String toString() {
    byte[] printable = bytes.clone();
    for (int i = 0; i < printable.length; i++) {
      if (printable[i] < 0x20 || printable[i] > 0x7e) {
        printable[i] = '.';
      }
    }
    return new String(printable, StandardCharsets.US_ASCII);
  }
}
