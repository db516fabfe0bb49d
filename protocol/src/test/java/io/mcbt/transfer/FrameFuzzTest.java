package io.mcbt.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged datagrams, from sealed frames of every type: {@link FrameHeader#typeOf}, every decoder
 * and {@link FrameAuthenticator#verify} only ever answer or throw {@link MalformedFrameException},
 * and no damaged datagram passes verification. Some are resealed after the damage so that the
 * decoders, not the tag, have to catch it.
 */
class FrameFuzzTest {
  private static final int DATAGRAMS =
      Math.max(120_000, Integer.getInteger("mcbt.fuzz.iterations", 120_000));
  private static final int[] EDGES = {
    0, 1, 7, 48, 128, 255, 1_200, 1_201, 0x7fff, 0xffff, -1, Integer.MAX_VALUE, Integer.MIN_VALUE
  };

  private final FrameAuthenticator authenticator = FrameTestData.authenticator();
  private final ByteBuffer buffer = ByteBuffer.allocate(FrameTestData.CAPACITY);
  private int decoded;
  private int resealedDecoded;

  @Test
  void damagedDatagramsAreRefusedAndNeverVerify() {
    Random random = new Random(0x66757a7aL);
    for (int i = 0; i < DATAGRAMS; i++) {
      Object frame = FrameTestData.randomFrame(random, i, 64);
      buffer.clear();
      FrameTestData.encode(frame, buffer);
      authenticator.seal(buffer);
      byte[] original = FrameTestData.bytes(buffer);
      byte[] damaged = original;
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        damaged = mutate(random, damaged);
      }
      if (random.nextBoolean()) {
        fixBodyLength(damaged);
      }
      boolean reseal = random.nextInt(4) == 0;
      try {
        check(damaged, Arrays.equals(damaged, original), reseal);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            "datagram "
                + i
                + (reseal ? " (resealed)" : "")
                + ": "
                + HexFormat.of().formatHex(damaged),
            e);
      }
    }
    assertTrue(decoded > 1_000, "damaged datagrams that still decode: " + decoded);
    assertTrue(resealedDecoded > 1_000, "resealed ones that decode: " + resealedDecoded);
  }

  private void check(byte[] damaged, boolean unchanged, boolean reseal) {
    int start = random(damaged.length);
    buffer.clear().position(start);
    buffer.put(start, damaged);
    buffer.limit(start + damaged.length);
    if (reseal && damaged.length >= FrameAuthenticator.TAG_LENGTH) {
      buffer.limit(buffer.limit() - FrameAuthenticator.TAG_LENGTH);
      authenticator.seal(buffer);
    } else {
      assertEquals(unchanged, authenticator.verify(buffer), "verify");
      reseal = false;
    }
    int limit = buffer.limit();
    FrameType type = FrameHeader.typeOf(buffer);
    boolean any = false;
    any |= decodes(() -> StatusRequest.decode(buffer));
    any |= decodes(() -> EndFrame.decode(buffer));
    any |= decodes(() -> Nack.decode(buffer));
    any |= decodes(() -> FrameTestData.decode(buffer));
    assertEquals(start, buffer.position());
    assertEquals(limit, buffer.limit());
    if (any && type == null) {
      throw new AssertionError("decoded what typeOf does not take for a frame");
    }
    if (any && !unchanged) {
      decoded++;
      resealedDecoded += reseal ? 1 : 0;
    }
  }

  /** A start offset that varies with the datagram's length but needs no second random source. */
  private static int random(int length) {
    return length % 7;
  }

  private interface Decoder {
    Object decode() throws MalformedFrameException;
  }

  private static boolean decodes(Decoder decoder) {
    try {
      return decoder.decode() != null;
    } catch (MalformedFrameException expected) {
      return false;
    }
  }

  /** Makes the header's body length account for the datagram's bytes, where it can. */
  private static void fixBodyLength(byte[] damaged) {
    int body = damaged.length - FrameHeader.LENGTH - FrameAuthenticator.TAG_LENGTH;
    if (body >= 0 && body <= 0xffff) {
      ByteBuffer.wrap(damaged).putShort(FrameHeader.BODY_LENGTH_OFFSET, (short) body);
    }
  }

  private static byte[] mutate(Random random, byte[] input) {
    if (input.length == 0) {
      return randomBytes(random, random.nextInt(100));
    }
    byte[] out = input.clone();
    int at = random.nextInt(input.length);
    switch (random.nextInt(10)) {
      case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out[at] = (byte) random.nextInt(256);
      case 2 -> out = Arrays.copyOf(input, at);
      case 3 -> out = Arrays.copyOf(input, input.length + 1 + random.nextInt(40));
      case 4 -> {
        out = Arrays.copyOf(input, input.length + 1 + random.nextInt(40));
        for (int i = input.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
      case 5 -> out = randomBytes(random, random.nextInt(120));
      case 6 -> {
        // a header or body field set to an edge value
        int field = FrameHeader.TYPE_OFFSET + random.nextInt(40);
        int value = EDGES[random.nextInt(EDGES.length)];
        if (field + 4 <= out.length) {
          ByteBuffer.wrap(out).putInt(field, value);
        }
      }
      case 7 -> {
        // the type byte set to another type: a frame read as another
        if (out.length > FrameHeader.TYPE_OFFSET) {
          out[FrameHeader.TYPE_OFFSET] = (byte) random.nextInt(7);
        }
      }
      case 8 -> {
        byte[] shorter = new byte[input.length - 1];
        System.arraycopy(input, 0, shorter, 0, at);
        System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
        out = shorter;
      }
      default -> {
        byte[] longer = new byte[input.length + 1];
        System.arraycopy(input, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(input, at, longer, at + 1, input.length - at);
        out = longer;
      }
    }
    return out;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
