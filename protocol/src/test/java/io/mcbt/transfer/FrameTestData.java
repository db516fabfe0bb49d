package io.mcbt.transfer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Frames for the transfer tests: fixed examples, random ones, and ways to seal and damage them. */
final class FrameTestData {
  static final byte[] KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f1011121314151617");
  static final byte[] OTHER_KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f1011121314151618");

  /** Room for the largest frame and some slack around it. */
  static final int CAPACITY =
      FrameHeader.LENGTH + FrameHeader.MAX_BODY_LENGTH + FrameAuthenticator.TAG_LENGTH + 64;

  static final SessionParameters PARAMETERS = new SessionParameters(0x0123456789abcdefL, 1424, 32);

  static final StatusRequest STATUS_REQUEST = new StatusRequest(PARAMETERS, 2, 5_000, true, 250);
  static final EndFrame END = new EndFrame(PARAMETERS, 3, EndFrame.Reason.ROUND_LIMIT);
  static final Nack NACK =
      new Nack(
          PARAMETERS,
          1,
          10_000,
          400,
          false,
          true,
          List.of(new BlockRange(3, 1), new BlockRange(100, 200), new BlockRange(9_000, 150)));

  private FrameTestData() {}

  /** A block frame as a receiver sees it: header fields and the body. */
  record Block(
      FrameType type, SessionParameters parameters, int round, int first, int second, byte[] body) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Block b
          && type == b.type
          && parameters.equals(b.parameters)
          && round == b.round
          && first == b.first
          && second == b.second
          && Arrays.equals(body, b.body);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(body);
    }
  }

  static FrameAuthenticator authenticator() {
    return new FrameAuthenticator(KEY);
  }

  /**
   * A sealed frame at {@code offset} of a fresh buffer: position at its start, limit at its end.
   */
  static ByteBuffer sealed(Object frame, int offset, FrameAuthenticator authenticator) {
    ByteBuffer buffer = ByteBuffer.allocate(CAPACITY + offset);
    buffer.position(offset);
    encode(frame, buffer);
    authenticator.seal(buffer);
    return buffer;
  }

  static ByteBuffer sealed(Object frame) {
    return sealed(frame, 0, authenticator());
  }

  /** Encodes at {@code out}'s position, limit at the body's end. */
  static void encode(Object frame, ByteBuffer out) {
    if (frame instanceof StatusRequest s) {
      s.encode(out);
    } else if (frame instanceof EndFrame e) {
      e.encode(out);
    } else if (frame instanceof Nack n) {
      n.encode(out);
    } else {
      Block b = (Block) frame;
      out.put(FrameHeader.bodyIndex(out), b.body());
      DataFrame.writeHeader(
          out, b.type(), b.parameters(), b.round(), b.first(), b.second(), b.body().length);
    }
  }

  /** Decodes a frame of any type, as a receiver would after {@link FrameHeader#typeOf}. */
  static Object decode(ByteBuffer frame) throws MalformedFrameException {
    FrameType type = FrameHeader.typeOf(frame);
    if (type == null) {
      throw new MalformedFrameException("not a frame");
    }
    return switch (type) {
      case DATA, REPAIR -> block(frame, type);
      case STATUS_REQUEST -> StatusRequest.decode(frame);
      case END -> EndFrame.decode(frame);
      case NACK -> Nack.decode(frame);
    };
  }

  private static Block block(ByteBuffer frame, FrameType type) throws MalformedFrameException {
    byte[] body = new byte[FrameHeader.bodyLength(frame)];
    frame.get(DataFrame.blockIndex(frame), body);
    return new Block(
        type,
        Frames.parameters(frame),
        FrameHeader.round(frame),
        FrameHeader.first(frame),
        FrameHeader.second(frame),
        body);
  }

  /** The bytes from position to limit. */
  static byte[] bytes(ByteBuffer frame) {
    byte[] bytes = new byte[frame.remaining()];
    frame.get(frame.position(), bytes);
    return bytes;
  }

  /** {@code bytes} at position 0 of a buffer with room after them. */
  static ByteBuffer wrap(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.allocate(bytes.length + FrameAuthenticator.TAG_LENGTH);
    buffer.put(0, bytes).limit(bytes.length);
    return buffer;
  }

  /**
   * A sealed frame's bytes without the tag, edited by {@code edit} (absolute, from index 0, limit
   * at the body's end, which it may move), then sealed again: damaged content with a valid tag.
   */
  static ByteBuffer resealed(ByteBuffer sealed, Consumer<ByteBuffer> edit) {
    byte[] bytes = bytes(sealed);
    ByteBuffer buffer = ByteBuffer.allocate(CAPACITY);
    buffer.put(0, bytes, 0, bytes.length - FrameAuthenticator.TAG_LENGTH);
    buffer.limit(bytes.length - FrameAuthenticator.TAG_LENGTH);
    edit.accept(buffer);
    authenticator().seal(buffer);
    return buffer;
  }

  static SessionParameters randomParameters(Random random) {
    int blockSize =
        random.nextBoolean()
            ? 1 + random.nextInt(FrameHeader.MAX_BODY_LENGTH)
            : 1 + random.nextInt(2000);
    return new SessionParameters(
        random.nextLong(), blockSize, random.nextInt(SessionParameters.MAX_CODING_BLOCKS + 1));
  }

  /** A non-negative int, often small, sometimes near the top. */
  static int randomCount(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(3);
      case 1 -> random.nextInt(1_000);
      case 2 -> Integer.MAX_VALUE - random.nextInt(3);
      default -> random.nextInt(Integer.MAX_VALUE);
    };
  }

  static StatusRequest randomStatusRequest(Random random) {
    return new StatusRequest(
        randomParameters(random),
        randomCount(random),
        randomCount(random),
        random.nextBoolean(),
        random.nextInt(0x10000));
  }

  static EndFrame randomEnd(Random random) {
    EndFrame.Reason[] reasons = EndFrame.Reason.values();
    return new EndFrame(
        randomParameters(random), randomCount(random), reasons[random.nextInt(reasons.length)]);
  }

  static Nack randomNack(Random random) {
    List<BlockRange> ranges = new ArrayList<>();
    long end = 0;
    long listed = 0;
    int wanted = random.nextInt(4) == 0 ? 0 : random.nextInt(100);
    for (int i = 0; i < wanted; i++) {
      long first = end + random.nextInt(1 << random.nextInt(24));
      long count = 1 + random.nextInt(1 << random.nextInt(20));
      if (first + count > Integer.MAX_VALUE) {
        break;
      }
      ranges.add(new BlockRange((int) first, (int) count));
      end = first + count;
      listed += count;
    }
    int considered = (int) Math.min(Integer.MAX_VALUE, end + random.nextInt(1_000));
    int missing = (int) Math.min(Integer.MAX_VALUE, listed + random.nextInt(1_000));
    boolean complete = ranges.isEmpty() && random.nextInt(3) == 0;
    if (complete) {
      missing = 0;
    }
    return new Nack(
        randomParameters(random),
        randomCount(random),
        considered,
        missing,
        complete,
        random.nextBoolean(),
        ranges);
  }

  static Block randomBlock(Random random, int maxBody) {
    SessionParameters parameters = randomParameters(random);
    byte[] body = new byte[random.nextInt(Math.min(maxBody, parameters.blockSize()) + 1)];
    random.nextBytes(body);
    return new Block(
        random.nextBoolean() ? FrameType.DATA : FrameType.REPAIR,
        parameters,
        randomCount(random),
        randomCount(random),
        randomCount(random),
        body);
  }

  /** A random frame of the type {@code n} picks, in turn. */
  static Object randomFrame(Random random, int n, int maxBody) {
    return switch (Math.floorMod(n, 4)) {
      case 0 -> randomBlock(random, maxBody);
      case 1 -> randomStatusRequest(random);
      case 2 -> randomEnd(random);
      default -> randomNack(random);
    };
  }
}
