package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerWireCodec.Limits;
import io.mcbt.wire.StreamReplay.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly damaged streams: each call to the decoder returns a message, returns {@code null}, or
 * throws {@link MalformedMessageException}, and {@link StreamReplay} checks the rest. An input that
 * breaks this is written to {@code target/mutation-failures/wire/}; copy it to {@code
 * src/test/resources/corpus/wire/} so {@link CorpusReplayTest} keeps it fixed.
 */
class MutationSmokeTest {
  private static final int MUTATIONS = Integer.getInteger("mcbt.fuzz.iterations", 100_000);

  /** Small limits, so that mutated lengths often land on limit and limit + 1. */
  private static final Limits LIMITS = new Limits(32, 4, 48);

  private static final int PIECE_COUNT = 29;

  /** Values a damaged length or field should be tried with. */
  private static final int[] EDGES = {
    0, 1, 2, 3, 5, 9, 10, 13, 33, 41, 42, 50, 51, -1, Integer.MAX_VALUE, Integer.MIN_VALUE
  };

  @Test
  void damagedStreamsDecodeNeedMoreBytesOrThrowMalformedMessageException() throws IOException {
    Random random = new Random(0x6d636274L);
    List<byte[]> failures = new ArrayList<>();
    Throwable firstFailure = null;
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    for (int i = 0; i < MUTATIONS; i++) {
      byte[] input = validStream(random);
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        input = mutate(random, input);
      }
      try {
        outcomes.merge(StreamReplay.replay(input, LIMITS, PIECE_COUNT), 1, Integer::sum);
      } catch (RuntimeException | AssertionError e) {
        failures.add(input);
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }

    if (!failures.isEmpty()) {
      throw saved(failures, firstFailure);
    }
    for (Outcome outcome : Outcome.values()) {
      assertTrue(outcomes.getOrDefault(outcome, 0) > 1_000, outcomes.toString());
    }
  }

  private static byte[] validStream(Random random) {
    List<PeerMessage> messages = new ArrayList<>();
    for (int n = 1 + random.nextInt(5); n > 0; n--) {
      messages.add(WireTestData.random(random, LIMITS));
    }
    return WireTestData.encode(messages);
  }

  private static byte[] mutate(Random random, byte[] input) {
    if (input.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    byte[] out = input.clone();
    int at = random.nextInt(input.length);
    switch (random.nextInt(9)) {
      case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out[at] = (byte) random.nextInt(256);
      case 2 -> out[at] = (byte) random.nextInt(24);
      case 3 -> out = insert(input, at, new byte[] {(byte) random.nextInt(256)});
      case 4 -> out = delete(input, at, 1 + random.nextInt(Math.min(8, input.length - at)));
      case 5 -> out = Arrays.copyOf(input, at);
      case 6 -> {
        int from = random.nextInt(input.length);
        int to = from + random.nextInt(Math.min(64, input.length - from) + 1);
        out = insert(input, at, Arrays.copyOfRange(input, from, to));
      }
      case 7 -> {
        if (at + 4 <= out.length) {
          ByteBuffer.wrap(out).putInt(at, EDGES[random.nextInt(EDGES.length)]);
        }
      }
      default -> {
        int other = random.nextInt(input.length);
        out[at] = input[other];
        out[other] = input[at];
      }
    }
    return out;
  }

  private static byte[] insert(byte[] input, int at, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(input, 0, at);
    out.writeBytes(bytes);
    out.write(input, at, input.length - at);
    return out.toByteArray();
  }

  private static byte[] delete(byte[] input, int at, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(input, 0, at);
    out.write(input, at + count, input.length - at - count);
    return out.toByteArray();
  }

  private static AssertionError saved(List<byte[]> failures, Throwable firstFailure)
      throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "mutation-failures", "wire"));
    for (int i = 0; i < failures.size(); i++) {
      Files.writeString(
          folder.resolve("failure-" + i + ".hex"), WireTestData.hex(failures.get(i)) + "\n");
    }
    AssertionError error =
        new AssertionError(
            failures.size()
                + " damaged streams broke the decoder; saved in "
                + folder.toAbsolutePath()
                + "; the first: "
                + WireTestData.hex(failures.get(0)));
    error.initCause(firstFailure);
    return error;
  }
}
