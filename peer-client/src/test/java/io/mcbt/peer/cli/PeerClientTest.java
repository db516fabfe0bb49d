package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.testing.FakeIndexServer;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PeerClientTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef01234567";
  private static final String OTHER_HEX = "fedcba9876543210fedcba9876543210fedcba98";

  @TempDir Path folder;
  private FakeIndexServer server;

  /** What one run of the command line did. */
  record Run(int exitCode, String out, String err, byte[] stdoutBytes) {
    void assertNoStackTrace() {
      assertFalse(err.contains("\tat "), err);
      assertFalse(err.contains("Exception"), err);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = FakeIndexServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine commandLine = PeerClient.commandLine(new PeerClient(bytes));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString(), bytes.toByteArray());
  }

  private void answerTorrent(CreatedTorrent torrent) {
    String hex = torrent.metainfo().infoHash().hex();
    server.answer("GET", "/api/torrents/" + hex + ".torrent", Answer.torrent(torrent.bytes()));
  }

  private void answerSearch(long total, List<String[]> items) {
    server.answer(
        "GET", "/api/torrents", Answer.json(200, TestTorrents.searchJson(total, 0, 20, items)));
  }

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

  @Nested
  class Publish {
    @Test
    void uploadsATorrentFileAsItIs() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      Path file = Files.write(folder.resolve("whatever.dat"), torrent.bytes());
      server.answer(
          "POST",
          "/api/torrents",
          Answer.json(201, TestTorrents.detailsJson(torrent.metainfo(), server.url())));

      Run run = run("publish", file.toString(), "--server", server.url());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertArrayEquals(torrent.bytes(), server.requests().get(0).body());
      assertTrue(run.out().contains("published: new on " + server.url()), run.out());
      String hex = torrent.metainfo().infoHash().hex();
      assertTrue(run.out().contains("info-hash: " + hex), run.out());
      assertTrue(run.out().contains(server.url() + "/api/torrents/" + hex + ".torrent"), run.out());
    }

    @Test
    void saysWhenTheTorrentWasAlreadyThere() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      Path file = Files.write(folder.resolve("a.torrent"), torrent.bytes());
      server.answer(
          "POST",
          "/api/torrents",
          Answer.json(200, TestTorrents.detailsJson(torrent.metainfo(), server.url())));

      Run run = run("publish", file.toString(), "--server", server.url());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertTrue(run.out().contains("published: was already there"), run.out());
    }

    @Test
    void createsTheTorrentOfDataWithTheServersTrackerAndKeepsIt() throws Exception {
      Path data = TestTorrents.randomFile(folder, "data.bin", 100_000);
      Path output = folder.resolve("kept.torrent");
      server.answer(
          "POST",
          "/api/torrents",
          request -> {
            try {
              Metainfo sent = MetainfoParser.parse(request.body());
              return Answer.json(201, TestTorrents.detailsJson(sent, server.url()));
            } catch (Exception e) {
              return Answer.error(400, "malformed torrent: " + e.getMessage());
            }
          });

      Run run = run("publish", data.toString(), "--server", server.url(), "-o", output.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      byte[] kept = Files.readAllBytes(output);
      assertArrayEquals(kept, server.requests().get(0).body());
      assertEquals(List.of(server.url() + "/announce"), MetainfoParser.parse(kept).trackers());
      assertTrue(run.out().contains("created:   " + output), run.out());
    }

    @Test
    void creationOptionsDoNotApplyToATorrentFile() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      Path file = Files.write(folder.resolve("a.torrent"), torrent.bytes());

      Run run = run("publish", file.toString(), "--server", server.url(), "--private");

      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("is already a torrent"), run.err());
      assertTrue(server.requests().isEmpty());
    }

    @Test
    void aBrokenTorrentFileIsAFailureNotData() throws Exception {
      Path file = Files.writeString(folder.resolve("broken.torrent"), "d4:infoi1ee");

      Run run = run("publish", file.toString(), "--server", server.url());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("broken.torrent is not a valid torrent"), run.err());
      assertTrue(server.requests().isEmpty());
    }

    @Test
    void printsTheServersReasonWhenItRefuses() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      Path file = Files.write(folder.resolve("a.torrent"), torrent.bytes());
      server.answer(
          "POST", "/api/torrents", Answer.error(413, "a .torrent file may be at most 10 bytes"));

      Run run = run("publish", file.toString(), "--server", server.url());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertEquals(
          "error: a .torrent file may be at most 10 bytes (HTTP 413)\n",
          run.err().replace(System.lineSeparator(), "\n"));
    }
  }

  @Nested
  class Search {
    @Test
    void printsATableAndThePage() {
      server.answer(
          "GET",
          "/api/torrents",
          Answer.json(
              200,
              TestTorrents.searchJson(
                  45,
                  1,
                  20,
                  List.of(new String[] {HEX, "Ubuntu 24.04"}, new String[] {OTHER_HEX, "ubu"}))));

      Run run = run("search", "ubuntu", "24", "--page", "2", "--server", server.url());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertEquals("q=ubuntu%2024&page=1&size=20", server.requests().get(0).rawQuery());
      List<String> lines = run.out().lines().toList();
      assertTrue(lines.get(0).startsWith("INFO-HASH"), run.out());
      assertTrue(lines.get(1).startsWith(HEX + "    1.5 KiB      1  "), run.out());
      assertTrue(lines.get(1).endsWith("  Ubuntu 24.04"), run.out());
      assertEquals("page 2 of 3 (45 torrents)", lines.get(3));
    }

    @Test
    void printsTheServersJson() {
      String json = TestTorrents.searchJson(0, 0, 5, List.of());
      server.answer("GET", "/api/torrents", Answer.json(200, json));

      Run run = run("search", "--json", "--size", "5", "--server", server.url());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertEquals(json, run.out().strip());
    }

    @Test
    void saysWhenNothingMatches() {
      answerSearch(0, List.of());
      Run run = run("search", "nothing", "--server", server.url());
      assertEquals(ExitCodes.OK, run.exitCode());
      assertEquals("no torrent matches \"nothing\"", run.out().strip());
    }

    @Test
    void aPageSizeOutOfRangeIsAUsageErrorAndAsksNothing() {
      Run run = run("search", "x", "--size", "101", "--server", server.url());
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(run.err().contains("--size must be between 1 and 100"), run.err());
      assertTrue(server.requests().isEmpty());
    }

    @Test
    void aServerErrorIsAFailureWithItsReason() {
      server.answer("GET", "/api/torrents", Answer.error(500, "internal error, incident 42"));

      Run run = run("search", "x", "--server", server.url());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("internal error, incident 42 (HTTP 500)"), run.err());
      run.assertNoStackTrace();
    }

    @Test
    void aServerThatIsDownIsAFailure() throws Exception {
      String url = "http://127.0.0.1:" + TestTorrents.closedPort();

      Run run = run("search", "x", "--server", url);

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertEquals(
          "error: cannot reach the index at " + url + ": connection refused", run.err().strip());
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
      String url = "http://127.0.0.1:" + TestTorrents.closedPort();

      Run run = run("search", "x", "--server", url, "--verbose");

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("\tat io.mcbt.peer.index.IndexClient"), run.err());
    }
  }

  @Nested
  class Fetch {
    @Test
    void savesTheExactBytesByInfoHash() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      answerTorrent(torrent);
      Path output = folder.resolve("got.torrent");
      String hex = torrent.metainfo().infoHash().hex();

      Run run = run("fetch", hex.toUpperCase(), "--server", server.url(), "-o", output.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertArrayEquals(torrent.bytes(), Files.readAllBytes(output));
      assertTrue(run.out().startsWith("saved:     " + output), run.out());
      Run again = run("fetch", hex, "--server", server.url(), "-o", output.toString());
      assertTrue(again.out().startsWith("unchanged: " + output), again.out());
    }

    @Test
    void fetchesByMagnetLink() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      answerTorrent(torrent);
      String magnet = "magnet:?xt=urn:btih:" + torrent.metainfo().infoHash().hex() + "&dn=a.bin";

      Run run = run("fetch", magnet, "--server", server.url(), "-o", folder.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertArrayEquals(torrent.bytes(), Files.readAllBytes(folder.resolve("a.bin.torrent")));
    }

    @Test
    void writesToStdoutWithTheReportOnStderr() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      answerTorrent(torrent);

      Run run =
          run("fetch", torrent.metainfo().infoHash().hex(), "--server", server.url(), "-o", "-");

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertArrayEquals(torrent.bytes(), run.stdoutBytes());
      assertEquals("", run.out());
      assertTrue(run.err().contains("info-hash:"), run.err());
    }

    @Test
    void refusesBytesOfAnotherTorrent() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      server.answer("GET", "/api/torrents/" + HEX + ".torrent", Answer.torrent(torrent.bytes()));
      Path output = folder.resolve("got.torrent");

      Run run = run("fetch", HEX, "--server", server.url(), "-o", output.toString());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("the index sent the wrong torrent"), run.err());
      assertFalse(Files.exists(output));
    }

    @Test
    void refusesBytesThatAreNoTorrent() {
      server.answer(
          "GET", "/api/torrents/" + HEX + ".torrent", Answer.torrent("<html>".getBytes()));

      Run run = run("fetch", HEX, "--server", server.url(), "-o", folder.toString());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("does not parse"), run.err());
    }

    @Test
    void anUnknownInfoHashIsAFailureWithTheServersReason() {
      server.answer(
          "GET",
          "/api/torrents/" + HEX + ".torrent",
          Answer.error(404, "no torrent with info-hash " + HEX));

      Run run = run("fetch", HEX, "--server", server.url());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertEquals("error: no torrent with info-hash " + HEX + " (HTTP 404)", run.err().strip());
    }

    @Test
    void fetchesTheOnlyMatchOfAName() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "Ubuntu: 24?04", 5000);
      answerTorrent(torrent);
      String hex = torrent.metainfo().infoHash().hex();
      answerSearch(1, List.<String[]>of(new String[] {hex, "Ubuntu: 24?04"}));
      Path out = Files.createDirectory(folder.resolve("out"));

      Run run = run("fetch", "ubuntu", "--server", server.url(), "-o", out.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertEquals("q=ubuntu&page=0&size=100", server.requests().get(0).rawQuery());
      assertArrayEquals(torrent.bytes(), Files.readAllBytes(out.resolve("Ubuntu_ 24_04.torrent")));
    }

    @Test
    void prefersTheTorrentWhoseWholeNameWasGiven() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "debian.iso", 5000);
      answerTorrent(torrent);
      String hex = torrent.metainfo().infoHash().hex();
      answerSearch(
          2, List.of(new String[] {OTHER_HEX, "debian.iso.old"}, new String[] {hex, "debian.iso"}));

      Run run = run("fetch", "debian.iso", "--server", server.url(), "-o", folder.toString());

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertArrayEquals(torrent.bytes(), Files.readAllBytes(folder.resolve("debian.iso.torrent")));
    }

    @Test
    void severalMatchesAreAUsageErrorListingThem() {
      answerSearch(
          2, List.of(new String[] {HEX, "ubuntu a"}, new String[] {OTHER_HEX, "ubuntu b"}));

      Run run = run("fetch", "ubuntu", "--server", server.url());

      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(
          run.err().startsWith("error: 2 torrents match \"ubuntu\"; fetch one of them by its"),
          run.err());
      assertTrue(run.err().contains(HEX), run.err());
      assertTrue(run.err().contains(OTHER_HEX), run.err());
      assertEquals(1, server.requests().size());
    }

    @Test
    void noMatchIsAFailure() {
      answerSearch(0, List.of());

      Run run = run("fetch", "nothing like it", "--server", server.url());

      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertEquals(
          "error: no torrent on " + server.url() + " matches \"nothing like it\"",
          run.err().strip());
    }

    @Test
    void aBrokenMagnetLinkIsAUsageError() {
      Run run = run("fetch", "magnet:?dn=nothing", "--server", server.url());
      assertEquals(ExitCodes.USAGE, run.exitCode());
      assertTrue(server.requests().isEmpty());
    }

    @Test
    void refusesToReplaceADifferentFileUnlessForced() throws Exception {
      CreatedTorrent torrent = TestTorrents.create(folder, "a.bin", 5000);
      answerTorrent(torrent);
      Path output = Files.writeString(folder.resolve("a.bin.torrent"), "mine");
      String hex = torrent.metainfo().infoHash().hex();

      Run refused = run("fetch", hex, "--server", server.url(), "-o", folder.toString());
      assertEquals(ExitCodes.FAILURE, refused.exitCode());
      assertEquals("mine", Files.readString(output));

      Run forced = run("fetch", hex, "--server", server.url(), "-o", folder.toString(), "--force");
      assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
      assertEquals(
          InfoHash.fromHex(hex), MetainfoParser.parse(Files.readAllBytes(output)).infoHash());
    }
  }
}
