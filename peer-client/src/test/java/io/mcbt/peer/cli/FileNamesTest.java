package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

  @ParameterizedTest
  @CsvSource({
    "ubuntu-24.04.iso, ubuntu-24.04.iso",
    "Ubuntu 24.04 Desktop, Ubuntu 24.04 Desktop",
    "a/b\\c, a_b_c",
    "what?*:<>|\", what_______",
    "'tab\there', tab_here",
    ".hidden, hidden",
    "trailing. . , trailing",
    "'..', torrent",
    "'   ', torrent",
    "CON, _CON",
    "nul.txt, _nul.txt",
    "console, console",
    "Привет мир, Привет мир"
  })
  void makesNamesSafeForFileSystems(String name, String expected) {
    assertEquals(expected, FileNames.sanitise(name));
  }

  @Test
  void shortensLongNamesWithoutSplittingCharacters() {
    String name = "é".repeat(300);
    String safe = FileNames.sanitise(name);
    assertTrue(safe.getBytes(StandardCharsets.UTF_8).length <= 200);
    assertEquals("é".repeat(100), safe);
  }

  @Test
  void defaultsToNameDotTorrentInTheCurrentFolder() {
    assertEquals(Path.of("a_b.torrent"), FileNames.torrentFile(null, "a/b"));
  }

  @Test
  void putsTheFileInsideAnOutputFolder(@TempDir Path folder) {
    assertEquals(folder.resolve("data.torrent"), FileNames.torrentFile(folder, "data"));
  }

  @Test
  void usesAnOutputFileAsItIs(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("mine.torrent");
    assertEquals(file, FileNames.torrentFile(file, "data"));
    Files.writeString(file, "x");
    assertEquals(file, FileNames.torrentFile(file, "data"));
  }
}
