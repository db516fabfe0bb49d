package io.mcbt.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Big-endian reads and writes whatever order the caller's buffer is set to: the wire is always in
 * network byte order, and the codec must not change the order of a buffer it does not own.
 */
final class NetworkOrder {
  private NetworkOrder() {}

  static int getInt(ByteBuffer buffer, int index) {
    int value = buffer.getInt(index);
    return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
  }

  static long getLong(ByteBuffer buffer, int index) {
    long value = buffer.getLong(index);
    return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value);
  }

  static int getUnsignedShort(ByteBuffer buffer, int index) {
    short value = buffer.getShort(index);
    return Short.toUnsignedInt(
        buffer.order() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value));
  }

  static void putInt(ByteBuffer buffer, int value) {
    buffer.putInt(buffer.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value));
  }

  static void putLong(ByteBuffer buffer, long value) {
    buffer.putLong(buffer.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value));
  }

  static void putShort(ByteBuffer buffer, int value) {
    short s = (short) value;
    buffer.putShort(buffer.order() == ByteOrder.BIG_ENDIAN ? s : Short.reverseBytes(s));
  }
}
