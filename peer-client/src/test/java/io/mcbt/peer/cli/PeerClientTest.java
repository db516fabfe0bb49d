package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.peer.testing.TestTorrents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PeerClientTest extends IndexCommandTest {
  @Nested
  class Usage {
    @Test
    void noCommandIsAUsageError() {
      Run run = run();
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }

    @Test
    void helpAndVersionSucceed() {
      assertEquals(ExitCodes.OK, run("--help").exitCode());
      assertEquals(ExitCodes.OK, run("fetch", "--help").exitCode());
      Run version = run("--version");
      assertEquals(ExitCodes.OK, version.exitCode());
      assertTrue(version.out().startsWith("peer-client "), version.out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithAHint() {
      Run run = run("search", "--frobnicate");
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
      assertTrue(run.err().contains("Try 'peer-client search --help'"), run.err());
    }

    @Test
    void aBadServerUrlIsAUsageError() {
      Run run = run("search", "x", "--server", "ftp://example.org");
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("is not a server URL"), run.err());
    }
  }

  @Nested
  class Create {
    @Test
    void writesTheTorrentAndDescribesIt() throws Exception {
      Path data = TestTorrents.randomFile(folder, "movie.mkv", 300_000);
      Path output = folder.resolve("out.torrent");

      Run run =
          run(
              "create",
              data.toString(),
              "--announce",
              "http://t.test/announce",
              "--announce",
              "udp://backup.test:6969",
              "-o",
              output.toString(),
              "--piece-length",
              "64K",
              "--comment",
              "hello",
              "--private",
              "--threads",
              "2");

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      Metainfo metainfo = MetainfoParser.parse(Files.readAllBytes(output));
      assertEquals("movie.mkv", metainfo.info().name());
      assertEquals(64 * 1024, metainfo.info().pieceLength());
      assertTrue(metainfo.info().privateTorrent());
      assertEquals(
          List.of(List.of("http://t.test/announce"), List.of("udp://backup.test:6969")),
          metainfo.trackerTiers());
      assertEquals("hello", metainfo.comment().orElseThrow());
      assertTrue(run.out().contains("info-hash: " + metainfo.infoHash().hex()), run.out());
      assertTrue(run.out().contains("magnet:    magnet:?xt=urn:btih:"), run.out());
      assertTrue(run.out().contains("pieces:    5 x 64 KiB"), run.out());
    }

    @Test
    void writesIntoAnOutputFolderUnderTheTorrentsName() throws Exception {
      Path data = Files.createDirectory(folder.resolve("album"));
      TestTorrents.randomFile(data, "01.flac", 10_000);
      TestTorrents.randomFile(data, "02.flac", 20_000);
      Path out = Files.createDirectory(folder.resolve("out"));

      Run run = run("create", data.toString(), "-a", "http://t.test/a", "-o", out.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      Metainfo metainfo = MetainfoParser.parse(Files.readAllBytes(out.resolve("album.torrent")));
      assertEquals(2, metainfo.info().files().size());
      assertTrue(run.out().contains("30000 bytes) in 2 files"), run.out());
    }

    @Test
    void aBadPieceLengthIsAUsageError() {
      Run run = run("create", "x", "-a", "http://t.test/a", "--piece-length", "3M");
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("'--piece-length': \"3M\" is not a power of two"), run.err());
    }

    @Test
    void theTrackerIsRequired() {
      Run run = run("create", "x");
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("--announce"), run.err());
    }

    @Test
    void aMissingSourceIsAFailure() {
      Run run = run("create", folder.resolve("nope").toString(), "-a", "http://t.test/a");
      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("no such file or folder: "), run.err());
      run.assertNoStackTrace();
    }

    @Test
    void refusesToReplaceAnExistingTorrentUnlessForced() throws Exception {
      Path data = TestTorrents.randomFile(folder, "a.bin", 1000);
      Path output = Files.writeString(folder.resolve("a.torrent"), "keep me");

      Run refused =
          run("create", data.toString(), "-a", "http://t.test/a", "-o", output.toString());
      assertEquals(ExitCodes.FAILURE, refused.exitCode());
      assertTrue(refused.err().contains("already exists; use --force"), refused.err());
      assertEquals("keep me", Files.readString(output));

      Run forced =
          run(
              "create",
              data.toString(),
              "-a",
              "http://t.test/a",
              "-o",
              output.toString(),
              "--force");
      assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
      MetainfoParser.parse(Files.readAllBytes(output));
    }
  }
}
