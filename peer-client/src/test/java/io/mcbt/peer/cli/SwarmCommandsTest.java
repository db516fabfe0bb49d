package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.session.SessionConfig;
import io.mcbt.peer.session.TorrentSession;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import io.mcbt.peer.testing.FakeIndexServer;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.FakeTracker;
import io.mcbt.peer.testing.TestTorrents;
import io.mcbt.peer.tracker.TrackerClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code seed} and {@code get} against a seeder in this JVM, through a fake tracker. */
class SwarmCommandsTest {
  private static final String[] LOOPBACK = {"--bind", "127.0.0.1", "--port", "0", "--quiet"};

  @TempDir Path folder;

  private CreatedTorrent torrent(FakeTracker tracker) throws Exception {
    Path seedFolder = Files.createDirectories(folder.resolve("seed"));
    Path file = TestTorrents.randomFile(seedFolder, "data.bin", 700_000);
    return TorrentCreator.of(file)
        .pieceLength(32 * 1024)
        .announce(tracker.announceUrl().toString())
        .create();
  }

  private TorrentSession seeder(CreatedTorrent torrent, FilePieceStore store) throws Exception {
    return TorrentSession.start(
        torrent.metainfo(),
        new PieceTracker(store, ResumeCheck.run(store, 1, bytes -> {}).pieces()),
        new TrackerClient(Duration.ofSeconds(5), "test"),
        SessionConfig.of(InetAddress.getLoopbackAddress(), 0),
        line -> {});
  }

  private static String[] args(String... first) {
    String[] all = new String[first.length + LOOPBACK.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(LOOPBACK, 0, all, first.length, LOOPBACK.length);
    return all;
  }

  @Test
  @Timeout(60)
  void getDownloadsATorrentFileAndExitsWhenDone() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      CreatedTorrent torrent = torrent(tracker);
      Path torrentFile = Files.write(folder.resolve("data.torrent"), torrent.bytes());
      Path out = folder.resolve("out");
      try (FilePieceStore store =
              FilePieceStore.open(torrent.metainfo().info(), folder.resolve("seed"));
          TorrentSession seeder = seeder(torrent, store)) {
        assertTrue(seeder.completion().isDone());
        Run run =
            Run.of(args("get", torrentFile.toString(), "-o", out.toString(), "--exit-when-done"));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("downloaded data.bin to " + out), run.out());
      }
      assertArrayEquals(
          Files.readAllBytes(folder.resolve("seed/data.bin")),
          Files.readAllBytes(out.resolve("data.bin")));
    }
  }

  @Test
  @Timeout(60)
  void getFetchesTheTorrentFromTheIndexByInfoHash() throws Exception {
    try (FakeTracker tracker = new FakeTracker();
        FakeIndexServer index = FakeIndexServer.start()) {
      CreatedTorrent torrent = torrent(tracker);
      String hex = torrent.metainfo().infoHash().hex();
      index.answer("GET", "/api/torrents/" + hex + ".torrent", Answer.torrent(torrent.bytes()));
      Path out = folder.resolve("out");
      try (FilePieceStore store =
              FilePieceStore.open(torrent.metainfo().info(), folder.resolve("seed"));
          TorrentSession seeder = seeder(torrent, store)) {
        assertTrue(seeder.completion().isDone());
        Run run =
            Run.of(
                args(
                    "get", hex, "--server", index.url(), "-o", out.toString(), "--exit-when-done"));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      }
      assertArrayEquals(
          Files.readAllBytes(folder.resolve("seed/data.bin")),
          Files.readAllBytes(out.resolve("data.bin")));
    }
  }

  @Test
  @Timeout(60)
  void getResumesFromWhatIsAlreadyInTheOutputFolder() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      CreatedTorrent torrent = torrent(tracker);
      Path torrentFile = Files.write(folder.resolve("data.torrent"), torrent.bytes());
      Path out = Files.createDirectories(folder.resolve("out"));
      byte[] data = Files.readAllBytes(folder.resolve("seed/data.bin"));
      Files.write(out.resolve("data.bin"), java.util.Arrays.copyOf(data, 10 * 32 * 1024));
      try (FilePieceStore store =
              FilePieceStore.open(torrent.metainfo().info(), folder.resolve("seed"));
          TorrentSession seeder = seeder(torrent, store)) {
        assertTrue(seeder.completion().isDone());
        Run run =
            Run.of(args("get", torrentFile.toString(), "-o", out.toString(), "--exit-when-done"));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("10/22 pieces on disk"), run.out());
        // 700,000 bytes in all, 327,680 of them on disk already
        assertTrue(run.out().contains("downloaded data.bin to " + out + ": 364 KiB"), run.out());
      }
      assertArrayEquals(data, Files.readAllBytes(out.resolve("data.bin")));
    }
  }

  @Test
  void getOfACompleteDownloadExitsAtOnce() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      Path torrentFile = Files.write(folder.resolve("data.torrent"), torrent(tracker).bytes());
      Run run =
          Run.of(
              args(
                  "get",
                  torrentFile.toString(),
                  "-o",
                  folder.resolve("seed").toString(),
                  "--exit-when-done"));
      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertTrue(
          run.out().contains("data.bin in " + folder.resolve("seed") + " is complete already"),
          run.out());
    }
  }

  @Test
  void seedRefusesAFolderWithoutTheData() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      CreatedTorrent torrent = torrent(tracker);
      Path torrentFile = Files.write(folder.resolve("data.torrent"), torrent.bytes());
      Path empty = Files.createDirectories(folder.resolve("empty"));
      Run run = Run.of(args("seed", torrentFile.toString(), "--data", empty.toString()));
      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("only 0 of 22 pieces of data.bin are in " + empty), run.err());
      run.assertNoStackTrace();
    }
  }

  @Test
  void seedNamesAMissingDataFolder() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      Path torrentFile = Files.write(folder.resolve("data.torrent"), torrent(tracker).bytes());
      Run run =
          Run.of(args("seed", torrentFile.toString(), "--data", folder.resolve("nope").toString()));
      assertEquals(ExitCodes.FAILURE, run.exitCode());
      assertTrue(run.err().contains("does not exist"), run.err());
      run.assertNoStackTrace();
    }
  }

  @Test
  void getRefusesANameAsTarget() {
    Run run = Run.of(args("get", "some words", "-o", folder.toString()));
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("neither a .torrent file"), run.err());
  }

  @Test
  void aMissingTorrentFileIsNamed() {
    Run run = Run.of(args("get", "nothing.torrent", "-o", folder.toString()));
    assertEquals(ExitCodes.FAILURE, run.exitCode());
    assertTrue(run.err().contains("no such file or folder: nothing.torrent"), run.err());
  }

  @Test
  void aBadBindAddressIsAUsageError() {
    Run run = Run.of("get", "x.torrent", "--bind", "localhost");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("is not an IP address"), run.err());
  }
}
