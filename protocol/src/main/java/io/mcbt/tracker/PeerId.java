package io.mcbt.tracker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 20 bytes a client names itself with in a swarm (BEP 3).
 *
 * <p>Kept as three primitive fields rather than an array: a tracker holds one per peer, and every
 * object per peer is one more for the garbage collector to copy and scan.
 */
public final class PeerId {
  public static final int LENGTH = 20;

  private final long first;
  private final long second;
  private final int last;

  /**
   * @param bytes exactly 20 bytes
   */
  public PeerId(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a peer id is 20 bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    this.first = buffer.getLong();
    this.second = buffer.getLong();
    this.last = buffer.getInt();
  }

  public byte[] bytes() {
    return ByteBuffer.allocate(LENGTH).putLong(first).putLong(second).putInt(last).array();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PeerId that
        && first == that.first
        && second == that.second
        && last == that.last;
  }

  @Override
  public int hashCode() {
    return (int) (first ^ first >>> 32) * 961 + (int) (second ^ second >>> 32) * 31 + last;
  }

  /** Printable characters as they are (clients put their name there), others as {@code .}. */
  @Override
  public String toString() {
    byte[] printable = bytes();
    for (int i = 0; i < printable.length; i++) {
      if (printable[i] < 0x20 || printable[i] > 0x7e) {
        printable[i] = '.';
      }
    }
    return new String(printable, StandardCharsets.US_ASCII);
  }
}
