package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.StreamReplay.Outcome;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays {@code src/test/resources/corpus/wire/}; its README explains the file names. */
class CorpusReplayTest {
  static List<Path> corpus() throws IOException, URISyntaxException {
    Path folder = Path.of(CorpusReplayTest.class.getResource("/corpus/wire").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".hex")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void decodesAsTheNameSays(Path file) throws IOException {
    byte[] input = WireTestData.hex(Files.readString(file));
    String name = file.getFileName().toString();

    Outcome outcome = StreamReplay.replay(input, WireTestData.LIMITS, WireTestData.PIECE_COUNT);

    if (name.startsWith("accept-")) {
      assertEquals(Outcome.DECODED, outcome);
    } else if (name.startsWith("reject-")) {
      assertEquals(Outcome.MALFORMED, outcome);
    } else if (name.startsWith("incomplete-")) {
      assertEquals(Outcome.NEEDS_MORE, outcome);
    }
  }

  @Test
  void corpusIsNotEmpty() throws Exception {
    assertTrue(corpus().size() >= 3, corpus().toString());
  }
}
