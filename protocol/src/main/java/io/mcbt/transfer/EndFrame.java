package io.mcbt.transfer;

import java.nio.ByteBuffer;

/**
 * The sender ends the session: every member it heard of is complete, or the round limit is reached,
 * or it stops. Members then fetch what they still miss over the peer wire protocol.
 *
 * <pre>
 *  | header (32) | reason (1) | tag (16) |
 * </pre>
 */
public record EndFrame(SessionParameters parameters, int round, Reason reason) {
  static final int BODY_LENGTH = 1;

  /** Why the session ended; the code is the body's byte. */
  public enum Reason {
    COMPLETE,
    ROUND_LIMIT,
    STOPPED
  }

  /** Writes the frame at {@code out}'s position, limit at the body's end, ready to seal. */
  public void encode(ByteBuffer out) {
    FrameHeader.write(
        out,
        FrameType.END,
        parameters.blockSize(),
        parameters.session(),
        round,
        0,
        0,
        BODY_LENGTH,
        parameters.codingBlocks());
    int body = FrameHeader.bodyIndex(out);
    out.put(body, (byte) reason.ordinal());
    out.limit(body + BODY_LENGTH);
  }

  /** Reads a frame that {@link FrameHeader#typeOf} found to be an end frame. */
  public static EndFrame decode(ByteBuffer frame) throws MalformedFrameException {
    Frames.expect(frame, FrameType.END, BODY_LENGTH);
    int code = frame.get(FrameHeader.bodyIndex(frame));
    if (code < 0 || code >= Reason.values().length || FrameHeader.round(frame) < 0) {
      throw new MalformedFrameException("unknown end reason " + code);
    }
    return new EndFrame(Frames.parameters(frame), FrameHeader.round(frame), Reason.values()[code]);
  }
}
