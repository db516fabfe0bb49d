package io.mcbt.transfer;

import java.nio.ByteBuffer;

/** Checks the decoders share. */
final class Frames {
  private Frames() {}

  static void expect(ByteBuffer frame, FrameType type, int bodyLength)
      throws MalformedFrameException {
    if (FrameHeader.typeOf(frame) != type) {
      throw new MalformedFrameException("not a well-formed " + type + " frame");
    }
    if (bodyLength >= 0 && FrameHeader.bodyLength(frame) != bodyLength) {
      throw new MalformedFrameException(type + " body of " + FrameHeader.bodyLength(frame));
    }
  }

  static SessionParameters parameters(ByteBuffer frame) throws MalformedFrameException {
    int blockSize = FrameHeader.blockSize(frame);
    int coding = FrameHeader.codingBlocks(frame);
    if (blockSize == 0
        || blockSize > FrameHeader.MAX_BODY_LENGTH
        || coding > SessionParameters.MAX_CODING_BLOCKS) {
      throw new MalformedFrameException("block size " + blockSize + ", coding group " + coding);
    }
    return new SessionParameters(FrameHeader.session(frame), blockSize, coding);
  }
}
