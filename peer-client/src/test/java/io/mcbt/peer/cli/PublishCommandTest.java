package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `publish`: a torrent made and uploaded to the index. */
class PublishCommandTest extends IndexCommandTest {
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
