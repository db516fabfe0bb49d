package io.mcbt.transfer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's answer to a {@link StatusRequest}, by unicast to the sender's control port: how many
 * of the blocks sent so far it misses and which ones, as run-length ranges (during the pass, as
 * many as fit one datagram).
 *
 * <pre>
 *  | header (32; first = blocks considered) | flags (1) | missing (4) | ranges (2) |
 *  | per range: gap since the previous range's end (varint), length (varint) ... | tag (16) |
 * </pre>
 *
 * Flags: bit 0, the member holds every piece, verified; bit 1, the ranges are the first of more
 * than fit. A NACK body is at most {@link #MAX_BODY_LENGTH} bytes, so it fits one datagram on any
 * path; what does not fit is asked for in a later round.
 *
 * @param consideredBlocks the status request's sent blocks: ranges lie below it
 * @param missingBlocks how many of them the member misses, ranges listed or not
 */
public record Nack(
    SessionParameters parameters,
    int round,
    int consideredBlocks,
    int missingBlocks,
    boolean complete,
    boolean truncated,
    List<BlockRange> ranges) {
  public static final int MAX_BODY_LENGTH = 1_200;
  private static final int FIXED_BODY_LENGTH = 7;
  private static final int COMPLETE = 1;
  private static final int TRUNCATED = 2;

  public Nack {
    ranges = List.copyOf(ranges);
    if (round < 0 || consideredBlocks < 0 || missingBlocks < 0) {
      throw new IllegalArgumentException("negative NACK counts");
    }
    if (encodedLength(ranges) > MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("too many ranges for one NACK: use fitting()");
    }
    int end = 0;
    long listed = 0;
    for (BlockRange range : ranges) {
      if (range.first() < end || range.end() > consideredBlocks) {
        throw new IllegalArgumentException("ranges must ascend below the considered blocks");
      }
      end = range.end();
      listed += range.count();
    }
    if (listed > missingBlocks || (complete && missingBlocks > 0)) {
      throw new IllegalArgumentException("ranges list more than the missing blocks");
    }
  }

  /** A NACK listing the first of {@code missing} that fit, marked truncated if not all do. */
  public static Nack fitting(
      SessionParameters parameters,
      int round,
      int consideredBlocks,
      int missingBlocks,
      boolean complete,
      List<BlockRange> missing) {
    int length = FIXED_BODY_LENGTH;
    int end = 0;
    int fit = 0;
    for (BlockRange range : missing) {
      int size = varintLength(range.first() - end) + varintLength(range.count());
      if (length + size > MAX_BODY_LENGTH) {
        break;
      }
      length += size;
      end = range.end();
      fit++;
    }
    return new Nack(
        parameters,
        round,
        consideredBlocks,
        missingBlocks,
        complete,
        fit < missing.size(),
        missing.subList(0, fit));
  }

  /** Writes the frame at {@code out}'s position, limit at the body's end, ready to seal. */
  public void encode(ByteBuffer out) {
    int bodyLength = encodedLength(ranges);
    FrameHeader.write(
        out,
        FrameType.NACK,
        parameters.blockSize(),
        parameters.session(),
        round,
        consideredBlocks,
        0,
        bodyLength,
        parameters.codingBlocks());
    int body = FrameHeader.bodyIndex(out);
    out.limit(out.capacity());
    out.put(body, (byte) ((complete ? COMPLETE : 0) | (truncated ? TRUNCATED : 0)))
        .putInt(body + 1, missingBlocks)
        .putShort(body + 5, (short) ranges.size());
    int at = body + FIXED_BODY_LENGTH;
    int end = 0;
    for (BlockRange range : ranges) {
      at = putVarint(out, at, range.first() - end);
      at = putVarint(out, at, range.count());
      end = range.end();
    }
    out.limit(at);
  }

  /** Reads a frame that {@link FrameHeader#typeOf} found to be a NACK. */
  public static Nack decode(ByteBuffer frame) throws MalformedFrameException {
    Frames.expect(frame, FrameType.NACK, -1);
    int bodyLength = FrameHeader.bodyLength(frame);
    if (bodyLength < FIXED_BODY_LENGTH || bodyLength > MAX_BODY_LENGTH) {
      throw new MalformedFrameException("NACK body of " + bodyLength + " bytes");
    }
    int body = FrameHeader.bodyIndex(frame);
    int flags = frame.get(body);
    int missing = frame.getInt(body + 1);
    int count = Short.toUnsignedInt(frame.getShort(body + 5));
    int round = FrameHeader.round(frame);
    int considered = FrameHeader.first(frame);
    if ((flags & ~(COMPLETE | TRUNCATED)) != 0 || missing < 0 || round < 0 || considered < 0) {
      throw new MalformedFrameException("bad NACK fields");
    }
    // Every range takes at least two bytes, which bounds the list before it is built.
    if (count > (bodyLength - FIXED_BODY_LENGTH) / 2) {
      throw new MalformedFrameException(count + " ranges in " + bodyLength + " bytes");
    }
    int[] cursor = {body + FIXED_BODY_LENGTH};
    int bodyEnd = body + bodyLength;
    List<BlockRange> ranges = new ArrayList<>(count);
    long end = 0;
    long listed = 0;
    for (int i = 0; i < count; i++) {
      long first = end + readVarint(frame, cursor, bodyEnd);
      long length = readVarint(frame, cursor, bodyEnd);
      if (length == 0 || first + length > considered) {
        throw new MalformedFrameException("NACK range beyond the considered blocks");
      }
      ranges.add(new BlockRange((int) first, (int) length));
      end = first + length;
      listed += length;
    }
    if (cursor[0] != bodyEnd) {
      throw new MalformedFrameException("bytes after the NACK's ranges");
    }
    boolean complete = (flags & COMPLETE) != 0;
    if (listed > missing || (complete && missing > 0)) {
      throw new MalformedFrameException("NACK ranges disagree with its counts");
    }
    return new Nack(
        Frames.parameters(frame),
        round,
        considered,
        missing,
        complete,
        (flags & TRUNCATED) != 0,
        ranges);
  }

  private static int encodedLength(List<BlockRange> ranges) {
    int length = FIXED_BODY_LENGTH;
    int end = 0;
    for (BlockRange range : ranges) {
      length += varintLength(range.first() - end) + varintLength(range.count());
      end = range.end();
    }
    return length;
  }

  static int varintLength(int value) {
    int length = 1;
    while ((value >>>= 7) != 0) {
      length++;
    }
    return length;
  }

  private static int putVarint(ByteBuffer out, int at, int value) {
    while ((value & ~0x7f) != 0) {
      out.put(at++, (byte) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.put(at++, (byte) value);
    return at;
  }

  /** An unsigned LEB128 value of at most 5 bytes and 31 bits. */
  private static long readVarint(ByteBuffer in, int[] cursor, int end)
      throws MalformedFrameException {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (cursor[0] >= end) {
        throw new MalformedFrameException("NACK range cut short");
      }
      byte b = in.get(cursor[0]++);
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (value > Integer.MAX_VALUE) {
          throw new MalformedFrameException("NACK varint out of range");
        }
        return value;
      }
    }
    throw new MalformedFrameException("NACK varint too long");
  }
}
