package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.dict;
import static io.mcbt.metainfo.Bencoding.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly damaged torrents: the parser either accepts one or throws {@link
 * MalformedTorrentException}, never anything else. An input that breaks this is written to {@code
 * target/mutation-failures/}; copy it to {@code src/test/resources/corpus/} so {@link
 * CorpusReplayTest} keeps it fixed.
 */
class MutationSmokeTest {
  private static final int MUTATIONS = Integer.getInteger("mcbt.fuzz.iterations", 100_000);
  private static final byte[] TOKENS = "dlie:0123456789-".getBytes(StandardCharsets.US_ASCII);

  @Test
  void damagedTorrentsParseOrThrowMalformedTorrentException() throws IOException {
    List<byte[]> seeds =
        List.of(
            TestData.resource("/torrents/single-file.torrent"),
            TestData.resource("/torrents/multi-file.torrent"),
            richTorrent());
    Random random = new Random(0x6d636274L);
    List<byte[]> failures = new ArrayList<>();
    Throwable firstFailure = null;
    int accepted = 0;

    for (int i = 0; i < MUTATIONS; i++) {
      byte[] input = seeds.get(i % seeds.size());
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        input = mutate(random, input);
      }
      try {
        checkInvariants(MetainfoParser.parse(input));
        accepted++;
      } catch (MalformedTorrentException expected) {
        // the outcome we want for damaged input
      } catch (RuntimeException | AssertionError | StackOverflowError e) {
        failures.add(input);
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }

    if (!failures.isEmpty()) {
      Path folder = Files.createDirectories(Path.of("target", "mutation-failures"));
      for (int i = 0; i < failures.size(); i++) {
        Files.write(folder.resolve("failure-" + i + ".torrent"), failures.get(i));
      }
      AssertionError error =
          new AssertionError(
              failures.size()
                  + " damaged torrents broke the parser; saved in "
                  + folder.toAbsolutePath()
                  + "; the first, in base64: "
                  + Base64.getEncoder().encodeToString(failures.get(0)));
      error.initCause(firstFailure);
      throw error;
    }
    assertTrue(accepted > 0, "some mutations should leave a valid torrent");
  }

  @Test
  void everySeedIsValid() throws MalformedTorrentException {
    checkInvariants(MetainfoParser.parse(richTorrent()));
  }

  private static void checkInvariants(Metainfo metainfo) {
    Info info = metainfo.info();
    long total = info.totalLength();
    assertTrue(total > 0);
    assertEquals((total + info.pieceLength() - 1) / info.pieceLength(), info.pieceCount());
    assertTrue(PathComponents.problem(info.name()).isEmpty());
    for (FileEntry file : info.files()) {
      assertTrue(file.length() >= 0);
      file.path().forEach(part -> assertTrue(PathComponents.problem(part).isEmpty(), part));
    }
    assertEquals(20, metainfo.infoHash().bytes().length);
    MagnetLink.parse(MagnetLink.of(metainfo).uri());
  }

  private static byte[] mutate(Random random, byte[] input) {
    if (input.length == 0) {
      return new byte[] {TOKENS[random.nextInt(TOKENS.length)]};
    }
    byte[] out = input.clone();
    int at = random.nextInt(input.length);
    switch (random.nextInt(10)) {
      case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out[at] = (byte) random.nextInt(256);
      case 2 -> out[at] = TOKENS[random.nextInt(TOKENS.length)];
      case 3 -> out = insert(input, at, new byte[] {(byte) random.nextInt(256)});
      case 4 -> out = insert(input, at, new byte[] {TOKENS[random.nextInt(TOKENS.length)]});
      case 5 -> out = delete(input, at, 1 + random.nextInt(Math.min(8, input.length - at)));
      case 6 -> {
        int from = random.nextInt(input.length);
        int to = from + random.nextInt(Math.min(64, input.length - from) + 1);
        out = insert(input, at, Arrays.copyOfRange(input, from, to));
      }
      case 7 -> out = Arrays.copyOf(input, at);
      case 8 -> {
        byte[] digits = new byte[1 + random.nextInt(20)];
        Arrays.fill(digits, (byte) ('0' + random.nextInt(10)));
        out = insert(input, at, digits);
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

  /** A small torrent that uses every key the parser reads. */
  private static byte[] richTorrent() {
    return dict(
            "announce",
            "http://a/1",
            "announce-list",
            list(list("http://a/1", "http://a/2"), list("udp://b/1")),
            "comment",
            "ok",
            "created by",
            "mcbt",
            "creation date",
            1_700_000_000,
            "info",
            dict(
                "files",
                list(
                    dict("length", 3, "path", list("d", "x")),
                    dict("length", 0, "path", list("e")),
                    dict("length", 16384, "path", list("d", "y", "z"))),
                "name",
                "r",
                "piece length",
                16384,
                "pieces",
                Bencoding.pieces(2),
                "private",
                1),
            "url-list",
            list("http://w/"))
        .bytes();
  }
}
