package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import io.mcbt.peer.testing.FakeTracker;
import io.mcbt.peer.tracker.TrackerClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TorrentSessionTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path temp;

  @Test
  @Timeout(60)
  void aLeecherDownloadsAMultiFileTorrentFromASeederThroughTheTracker() throws Exception {
    Path seedFolder = Files.createDirectories(temp.resolve("seed"));
    Path content = Files.createDirectories(seedFolder.resolve("content/sub"));
    Random random = new Random(42);
    write(content.resolve("a.bin"), 1024 * 1024 + 123, random);
    write(content.resolve("b.bin"), 2 * 1024 * 1024 - 500, random);
    write(content.getParent().resolve("c.txt"), 377, random);
    Path leechFolder = Files.createDirectories(temp.resolve("leech"));

    try (FakeTracker tracker = new FakeTracker()) {
      Metainfo metainfo =
          TorrentCreator.of(seedFolder.resolve("content"))
              .pieceLength(32 * 1024)
              .announce(tracker.announceUrl().toString())
              .create()
              .metainfo();
      TrackerClient client = new TrackerClient(Duration.ofSeconds(5), "test");
      try (FilePieceStore seedStore = FilePieceStore.open(metainfo.info(), seedFolder);
          FilePieceStore leechStore = FilePieceStore.open(metainfo.info(), leechFolder)) {
        PieceState seeded = ResumeCheck.run(seedStore, 2, bytes -> {}).pieces();
        assertTrue(seeded.isComplete());
        leechStore.prepareForWriting();
        PieceTracker leechPieces =
            new PieceTracker(leechStore, new PieceState(metainfo.info().pieceCount()));
        try (TorrentSession seeder =
                TorrentSession.start(
                    metainfo,
                    new PieceTracker(seedStore, seeded),
                    client,
                    SessionConfig.of(LOOPBACK, 0),
                    line -> System.err.println("seeder: " + line));
            TorrentSession leecher =
                TorrentSession.start(
                    metainfo,
                    leechPieces,
                    client,
                    SessionConfig.of(LOOPBACK, 0),
                    line -> System.err.println("leecher: " + line))) {
          assertTrue(seeder.completion().isDone(), "a seeder is complete from the start");
          leecher.completion().get(30, TimeUnit.SECONDS);
          SessionStats stats = leecher.stats();
          assertEquals(0, stats.leftBytes());
          assertEquals(metainfo.info().totalLength(), stats.downloadedBytes());
        }
      }
      for (FileEntry file : metainfo.info().files()) {
        Path relative = Path.of("content", file.path().toArray(String[]::new));
        assertArrayEquals(
            Files.readAllBytes(seedFolder.resolve(relative)),
            Files.readAllBytes(leechFolder.resolve(relative)),
            relative.toString());
      }
      List<String> queries = tracker.queries();
      assertTrue(queries.stream().anyMatch(q -> q.contains("event=started")), "started");
      assertTrue(queries.stream().anyMatch(q -> q.contains("event=completed")), "completed");
      assertTrue(queries.stream().anyMatch(q -> q.contains("event=stopped")), "stopped");
    }
  }

  @Test
  @Timeout(60)
  void twoLeechersAndASeederAllEndComplete() throws Exception {
    Path seedFolder = Files.createDirectories(temp.resolve("seed"));
    write(seedFolder.resolve("file.bin"), 2 * 1024 * 1024 + 7, new Random(7));
    try (FakeTracker tracker = new FakeTracker()) {
      Metainfo metainfo =
          TorrentCreator.of(seedFolder.resolve("file.bin"))
              .pieceLength(16 * 1024)
              .announce(tracker.announceUrl().toString())
              .create()
              .metainfo();
      TrackerClient client = new TrackerClient(Duration.ofSeconds(5), "test");
      List<AutoCloseable> resources = new ArrayList<>();
      try {
        List<TorrentSession> leechers = new ArrayList<>();
        for (String name : List.of("seed", "leech1", "leech2")) {
          Path folder = Files.createDirectories(temp.resolve(name));
          FilePieceStore store = FilePieceStore.open(metainfo.info(), folder);
          resources.add(store);
          PieceState found = ResumeCheck.run(store, 1, bytes -> {}).pieces();
          store.prepareForWriting();
          TorrentSession session =
              TorrentSession.start(
                  metainfo,
                  new PieceTracker(store, found),
                  client,
                  SessionConfig.of(LOOPBACK, 0),
                  line -> System.err.println(name + ": " + line));
          resources.add(0, session);
          if (!name.equals("seed")) {
            leechers.add(session);
          }
        }
        for (TorrentSession leecher : leechers) {
          leecher.completion().get(30, TimeUnit.SECONDS);
        }
      } finally {
        for (AutoCloseable resource : resources) {
          resource.close();
        }
      }
      byte[] original = Files.readAllBytes(seedFolder.resolve("file.bin"));
      assertArrayEquals(original, Files.readAllBytes(temp.resolve("leech1/file.bin")));
      assertArrayEquals(original, Files.readAllBytes(temp.resolve("leech2/file.bin")));
    }
  }

  private static void write(Path file, int size, Random random) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    Files.write(file, data);
  }
}
