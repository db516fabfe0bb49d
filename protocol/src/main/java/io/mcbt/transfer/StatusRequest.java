package io.mcbt.transfer;

import java.nio.ByteBuffer;

/**
 * The sender asks every member what it misses of the blocks sent so far. Members answer with a
 * {@link Nack} within {@code replyWithinMillis}, after a random delay so the answers do not arrive
 * all at once.
 *
 * <pre>
 *  | header (32) | sent blocks (4) | flags (1) | reply within ms (2) | tag (16) |
 * </pre>
 *
 * Flags: bit 0, the pass is over (a repair NACK, with ranges, is wanted); otherwise a member only
 * reports counts, which the sender uses to pace itself.
 *
 * @param sentBlocks blocks 0 to {@code sentBlocks - 1} have been sent at least once
 */
public record StatusRequest(
    SessionParameters parameters,
    int round,
    int sentBlocks,
    boolean passComplete,
    int replyWithinMillis) {
  static final int BODY_LENGTH = 7;

  public StatusRequest {
    if (round < 0 || sentBlocks < 0 || replyWithinMillis < 0 || replyWithinMillis > 0xffff) {
      throw new IllegalArgumentException("bad status request fields");
    }
  }

  /** Writes the frame at {@code out}'s position, limit at the body's end, ready to seal. */
  public void encode(ByteBuffer out) {
    FrameHeader.write(
        out,
        FrameType.STATUS_REQUEST,
        parameters.blockSize(),
        parameters.session(),
        round,
        0,
        0,
        BODY_LENGTH,
        parameters.codingBlocks());
    int body = FrameHeader.bodyIndex(out);
    out.putInt(body, sentBlocks)
        .put(body + 4, (byte) (passComplete ? 1 : 0))
        .putShort(body + 5, (short) replyWithinMillis);
    out.limit(body + BODY_LENGTH);
  }

  /** Reads a frame that {@link FrameHeader#typeOf} found to be a status request. */
  public static StatusRequest decode(ByteBuffer frame) throws MalformedFrameException {
    Frames.expect(frame, FrameType.STATUS_REQUEST, BODY_LENGTH);
    int body = FrameHeader.bodyIndex(frame);
    int round = FrameHeader.round(frame);
    int sent = frame.getInt(body);
    byte flags = frame.get(body + 4);
    if (round < 0 || sent < 0 || (flags & ~1) != 0) {
      throw new MalformedFrameException("bad status request fields");
    }
    return new StatusRequest(
        Frames.parameters(frame),
        round,
        sent,
        flags == 1,
        Short.toUnsignedInt(frame.getShort(body + 5)));
  }
}
