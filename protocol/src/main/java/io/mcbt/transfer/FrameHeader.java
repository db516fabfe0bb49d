package io.mcbt.transfer;

import java.nio.ByteBuffer;

/**
 * The 32-byte header every frame starts with, read and written in place (absolute, from the
 * buffer's position) so that the data path allocates nothing.
 *
 * <pre>
 *  0        4         5      6            8             16      20      24       28       30       32
 *  | "MCBM" | version | type | block size | session     | round | first | second | length | coding |
 *  | body (length bytes) ... | tag: HMAC-SHA256 truncated to 16 bytes |
 * </pre>
 *
 * <ul>
 *   <li>block size: the session's block payload size; every block but a piece's last has it;
 *   <li>session: the group the frame belongs to;
 *   <li>round: 0 for the first pass, then one more per repair round;
 *   <li>first, second: per type (a data frame's piece and offset, a repair frame's coding group and
 *       repair index), else 0;
 *   <li>coding: data blocks per Reed-Solomon coding group, 0 when the session sends no repair
 *       blocks.
 * </ul>
 */
public final class FrameHeader {
  public static final int LENGTH = 32;
  public static final int MAGIC = 0x4d43424d; // "MCBM"
  public static final byte VERSION = 1;

  static final int TYPE_OFFSET = 5;
  static final int BLOCK_SIZE_OFFSET = 6;
  static final int SESSION_OFFSET = 8;
  static final int ROUND_OFFSET = 16;
  static final int FIRST_OFFSET = 20;
  static final int SECOND_OFFSET = 24;
  static final int BODY_LENGTH_OFFSET = 28;
  static final int CODING_OFFSET = 30;

  /** Largest body: a frame fits in one UDP datagram. */
  public static final int MAX_BODY_LENGTH =
      FrameAuthenticator.MAX_FRAME_LENGTH - LENGTH - FrameAuthenticator.TAG_LENGTH;

  private FrameHeader() {}

  /** Writes a header at {@code frame}'s position; the body follows at position + LENGTH. */
  public static void write(
      ByteBuffer frame,
      FrameType type,
      int blockSize,
      long session,
      int round,
      int first,
      int second,
      int bodyLength,
      int codingBlocks) {
    if (bodyLength < 0 || bodyLength > MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("body of " + bodyLength + " bytes");
    }
    int at = frame.position();
    frame
        .putInt(at, MAGIC)
        .put(at + 4, VERSION)
        .put(at + TYPE_OFFSET, (byte) type.code())
        .putShort(at + BLOCK_SIZE_OFFSET, (short) blockSize)
        .putLong(at + SESSION_OFFSET, session)
        .putInt(at + ROUND_OFFSET, round)
        .putInt(at + FIRST_OFFSET, first)
        .putInt(at + SECOND_OFFSET, second)
        .putShort(at + BODY_LENGTH_OFFSET, (short) bodyLength)
        .putShort(at + CODING_OFFSET, (short) codingBlocks);
  }

  /**
   * The frame's type if {@code frame} (position to limit, tag included) is shaped like a frame of
   * this version: magic, version, known type, and a length that accounts for every byte. Null
   * otherwise. The tag is not checked here.
   */
  public static FrameType typeOf(ByteBuffer frame) {
    int at = frame.position();
    if (frame.remaining() < LENGTH + FrameAuthenticator.TAG_LENGTH
        || frame.getInt(at) != MAGIC
        || frame.get(at + 4) != VERSION
        || LENGTH + bodyLength(frame) + FrameAuthenticator.TAG_LENGTH != frame.remaining()) {
      return null;
    }
    return FrameType.ofCode(frame.get(at + TYPE_OFFSET));
  }

  public static int blockSize(ByteBuffer frame) {
    return Short.toUnsignedInt(frame.getShort(frame.position() + BLOCK_SIZE_OFFSET));
  }

  public static long session(ByteBuffer frame) {
    return frame.getLong(frame.position() + SESSION_OFFSET);
  }

  public static int round(ByteBuffer frame) {
    return frame.getInt(frame.position() + ROUND_OFFSET);
  }

  public static int first(ByteBuffer frame) {
    return frame.getInt(frame.position() + FIRST_OFFSET);
  }

  public static int second(ByteBuffer frame) {
    return frame.getInt(frame.position() + SECOND_OFFSET);
  }

  public static int bodyLength(ByteBuffer frame) {
    return Short.toUnsignedInt(frame.getShort(frame.position() + BODY_LENGTH_OFFSET));
  }

  public static int codingBlocks(ByteBuffer frame) {
    return Short.toUnsignedInt(frame.getShort(frame.position() + CODING_OFFSET));
  }

  /** Where the body starts, as an absolute index into {@code frame}. */
  public static int bodyIndex(ByteBuffer frame) {
    return frame.position() + LENGTH;
  }
}
