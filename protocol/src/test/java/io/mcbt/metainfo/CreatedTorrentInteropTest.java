package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Other BitTorrent programs read what {@link TorrentCreator} writes. Skipped without them. */
class CreatedTorrentInteropTest {
  private static final long TIMEOUT_SECONDS = 30;

  @TempDir Path temp;

  static boolean transmissionShowOnPath() {
    return onPath("transmission-show");
  }

  static boolean aria2cOnPath() {
    return onPath("aria2c");
  }

  @Test
  @EnabledIf("transmissionShowOnPath")
  void transmissionShowReadsSingleFileTorrent() throws Exception {
    CreatedTorrent created = singleFile();

    String out = run("transmission-show", save(created).toString());

    assertEquals(created.metainfo().infoHash().hex(), field(out, "Hash"));
    assertEquals("single file.bin", field(out, "Name"));
    assertEquals("3", field(out, "Piece Count"));
    assertEquals("Private torrent", field(out, "Privacy"));
    assertTrue(out.contains("http://127.0.0.1:6969/announce"), out);
    assertTrue(out.contains("udp://127.0.0.1:6969/announce"), out);
  }

  @Test
  @EnabledIf("transmissionShowOnPath")
  void transmissionShowReadsMultiFileTorrent() throws Exception {
    CreatedTorrent created = folder();

    String out = run("transmission-show", save(created).toString());

    assertEquals(created.metainfo().infoHash().hex(), field(out, "Hash"));
    assertEquals("Grüße folder", field(out, "Name"));
    assertEquals("Public torrent", field(out, "Privacy"));
    assertEquals(String.valueOf(created.metainfo().info().pieceCount()), field(out, "Piece Count"));
    assertTrue(out.contains("Grüße folder/a/empty.txt"), out);
    assertTrue(out.contains("Grüße folder/a/日本.bin"), out);
    assertTrue(out.contains("Grüße folder/b/c/d.bin"), out);
  }

  @Test
  @EnabledIf("aria2cOnPath")
  void aria2cShowsFilesOfSingleFileTorrent() throws Exception {
    CreatedTorrent created = singleFile();

    String out = run("aria2c", "--no-conf", "--show-files", save(created).toString());

    assertEquals(created.metainfo().infoHash().hex(), magnetHash(out));
    assertTrue(out.contains("Name: single file.bin"), out);
    assertTrue(out.contains("(40,000)"), out);
  }

  @Test
  @EnabledIf("aria2cOnPath")
  void aria2cShowsFilesOfMultiFileTorrent() throws Exception {
    CreatedTorrent created = folder();

    String out = run("aria2c", "--no-conf", "--show-files", save(created).toString());

    assertEquals(created.metainfo().infoHash().hex(), magnetHash(out));
    assertTrue(out.contains("Name: Grüße folder"), out);
    assertTrue(out.contains("b/c/d.bin"), out);
    assertTrue(out.contains("(" + String.format(Locale.ROOT, "%,d", 70_001) + ")"), out);
  }

  private CreatedTorrent singleFile() throws IOException {
    Path file = Files.write(temp.resolve("single file.bin"), TestData.xorshift(11, 40_000));
    return TorrentCreator.of(file)
        .announce("http://127.0.0.1:6969/announce", "udp://127.0.0.1:6969/announce")
        .privateTorrent(true)
        .pieceLength(16 * 1024)
        .create();
  }

  private CreatedTorrent folder() throws IOException {
    Path folder = temp.resolve("Grüße folder");
    Files.createDirectories(folder.resolve("a"));
    Files.createDirectories(folder.resolve("b/c"));
    Files.write(folder.resolve("a/empty.txt"), new byte[0]);
    Files.write(folder.resolve("a/日本.bin"), TestData.xorshift(12, 30_001));
    Files.write(folder.resolve("b/c/d.bin"), TestData.xorshift(13, 40_000));
    return TorrentCreator.of(folder).announce("http://127.0.0.1:6969/announce").create();
  }

  private Path save(CreatedTorrent created) throws IOException {
    Path torrent = Files.createTempFile(temp, "created", ".torrent");
    return Files.write(torrent, created.bytes());
  }

  private String run(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(temp, "output", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(temp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), () -> command[0] + " failed:\n" + out);
    return out;
  }

  private static String field(String output, String label) {
    Matcher matcher =
        Pattern.compile("^\\s*" + Pattern.quote(label) + ": (.*)$", Pattern.MULTILINE)
            .matcher(output);
    if (!matcher.find()) {
      fail("no \"" + label + ":\" in\n" + output);
    }
    return matcher.group(1).strip();
  }

  private static String magnetHash(String aria2Output) {
    Matcher matcher = Pattern.compile("urn:btih:([0-9A-Fa-f]{40})").matcher(aria2Output);
    if (!matcher.find()) {
      fail("no magnet link in\n" + aria2Output);
    }
    return matcher.group(1).toLowerCase(Locale.ROOT);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    List<Path> candidates = new ArrayList<>();
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty()) {
        candidates.add(Path.of(folder, program));
      }
    }
    return candidates.stream().anyMatch(Files::isExecutable);
  }
}
