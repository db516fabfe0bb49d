package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays {@code src/test/resources/corpus/}; its README explains the file names. */
class CorpusReplayTest {
  /** What transmission-show 3.00 and aria2c 1.36 print: they hash a re-encoding of info. */
  private static final String SHA1_OF_INFO_REENCODED_WITH_SORTED_KEYS =
      "f1d3bc783e6a8e9391c3972f4c05f4685d17dd3f";

  static List<Path> corpus() throws IOException, URISyntaxException {
    Path folder = Path.of(CorpusReplayTest.class.getResource("/corpus").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".torrent")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void parsesOrRejectsAsTheNameSays(Path file) throws IOException {
    byte[] input = Files.readAllBytes(file);
    String name = file.getFileName().toString();

    if (name.startsWith("accept-")) {
      assertDoesNotThrow(() -> MetainfoParser.parse(input));
    } else if (name.startsWith("reject-")) {
      assertThrows(MalformedTorrentException.class, () -> MetainfoParser.parse(input));
    } else {
      try {
        MetainfoParser.parse(input);
      } catch (MalformedTorrentException expected) {
        // either outcome is fine for an input without a verdict in its name
      }
    }
  }

  @Test
  void corpusIsNotEmpty() throws Exception {
    assertTrue(corpus().size() >= 3, corpus().toString());
  }

  @Test
  void infoHashOfUnsortedInfoCoversTheBytesAsReceived() throws Exception {
    byte[] torrent =
        TestData.resource("/corpus/accept-unsorted-keys-and-unknown-info-keys.torrent");

    String hash = MetainfoParser.parse(torrent).infoHash().hex();

    assertEquals(TestData.hex(TestData.sha1(TestData.infoValueAtEnd(torrent))), hash);
    assertEquals("4f0851030faa66391c8e2e15da9496aba8373946", hash);
    assertNotEquals(SHA1_OF_INFO_REENCODED_WITH_SORTED_KEYS, hash);
  }
}
