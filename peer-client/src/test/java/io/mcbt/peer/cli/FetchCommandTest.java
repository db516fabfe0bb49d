package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `fetch`: a torrent file downloaded from the index. */
class FetchCommandTest extends IndexCommandTest {
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
    server.answer("GET", "/api/torrents/" + HEX + ".torrent", Answer.torrent("<html>".getBytes()));

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
    answerSearch(2, List.of(new String[] {HEX, "ubuntu a"}, new String[] {OTHER_HEX, "ubuntu b"}));

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
        "error: no torrent on " + server.url() + " matches \"nothing like it\"", run.err().strip());
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
