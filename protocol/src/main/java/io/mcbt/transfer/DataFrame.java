package io.mcbt.transfer;

import java.nio.ByteBuffer;

/**
 * A block on the wire: the header's first and second fields are the piece and the byte offset in it
 * for {@link FrameType#DATA}, the coding group and the repair index for {@link FrameType#REPAIR};
 * the body is the block's bytes.
 *
 * <pre>
 *  | header (32) | block bytes (length) | tag (16) |
 * </pre>
 *
 * The sender reads a block straight into the frame's body and then writes the header in front of
 * it, so a block is never copied.
 */
public final class DataFrame {
  private DataFrame() {}

  /**
   * Writes the header of a frame whose {@code length} body bytes are already in place after it, and
   * sets the limit to the end of the body (ready for {@link FrameAuthenticator#seal}).
   */
  public static void writeHeader(
      ByteBuffer frame,
      FrameType type,
      SessionParameters session,
      int round,
      int first,
      int second,
      int length) {
    if (type != FrameType.DATA && type != FrameType.REPAIR) {
      throw new IllegalArgumentException(type + " is not a block frame");
    }
    FrameHeader.write(
        frame,
        type,
        session.blockSize(),
        session.session(),
        round,
        first,
        second,
        length,
        session.codingBlocks());
    frame.limit(frame.position() + FrameHeader.LENGTH + length);
  }

  /** Where a frame's block bytes start, with {@link FrameHeader#bodyLength} of them. */
  public static int blockIndex(ByteBuffer frame) {
    return FrameHeader.bodyIndex(frame);
  }
}
