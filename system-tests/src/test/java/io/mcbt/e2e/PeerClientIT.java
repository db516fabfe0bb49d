package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.MetainfoParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peer client's first commands against the real server, each in its own process. */
@Timeout(300)
class PeerClientIT {
  private static ServerProcess server;
  private static Path workDir;

  @BeforeAll
  static void startServer() throws Exception {
    workDir = Jars.workDir().resolve("peer-client-" + UUID.randomUUID());
    server = ServerProcess.start(workDir.resolve("server"), Map.of());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void publishedDataIsFoundBySearchAndFetchedByNameAndByHash() throws Exception {
    String word = "e2e" + UUID.randomUUID().toString().substring(0, 8);
    Path seeder = workDir.resolve("seeder");
    Path dataset = seeder.resolve("Dataset-" + word);
    randomFile(dataset.resolve("train/part-0.bin"), 300_000);
    randomFile(dataset.resolve("train/part-1.bin"), 200_000);
    randomFile(dataset.resolve("README.txt"), 1_000);

    PeerClientProcess.Result published =
        PeerClientProcess.run(seeder, "publish", dataset.toString(), "--server", server.baseUrl());
    assertEquals(0, published.exitCode(), published.err());
    assertTrue(published.field("published").startsWith("new"), published.out());
    String infoHash = published.field("info-hash");
    byte[] created = Files.readAllBytes(seeder.resolve("Dataset-" + word + ".torrent"));
    assertEquals(infoHash, MetainfoParser.parse(created).infoHash().hex());
    assertEquals(
        server.baseUrl() + "/announce",
        MetainfoParser.parse(created).trackers().get(0),
        "a torrent published from data announces to the server's own tracker");

    PeerClientProcess.Result found =
        PeerClientProcess.run(
            seeder, "search", "dataset", word.toUpperCase(), "--server", server.baseUrl());
    assertEquals(0, found.exitCode(), found.err());
    assertTrue(found.out().contains(infoHash), found.out());
    assertTrue(found.out().contains("(1 torrent"), found.out());

    Path leecher = workDir.resolve("leecher");
    PeerClientProcess.Result byName =
        PeerClientProcess.run(leecher, "fetch", "Dataset-" + word, "--server", server.baseUrl());
    assertEquals(0, byName.exitCode(), byName.err());
    assertArrayEquals(created, Files.readAllBytes(leecher.resolve("Dataset-" + word + ".torrent")));

    PeerClientProcess.Result byHash =
        PeerClientProcess.run(
            leecher, "fetch", infoHash, "-o", "by-hash.torrent", "--server", server.baseUrl());
    assertEquals(0, byHash.exitCode(), byHash.err());
    assertArrayEquals(created, Files.readAllBytes(leecher.resolve("by-hash.torrent")));
  }

  @Test
  void publishingAnExistingTorrentAgainSaysItWasThere() throws Exception {
    Path folder = workDir.resolve("again-" + UUID.randomUUID());
    Path file = randomFile(folder.resolve("image.img"), 50_000);
    PeerClientProcess.Result created =
        PeerClientProcess.run(
            folder, "create", file.toString(), "--announce", "http://127.0.0.1:1/announce");
    assertEquals(0, created.exitCode(), created.err());

    PeerClientProcess.Result first =
        PeerClientProcess.run(folder, "publish", "image.img.torrent", "--server", server.baseUrl());
    PeerClientProcess.Result second =
        PeerClientProcess.run(folder, "publish", "image.img.torrent", "--server", server.baseUrl());

    assertEquals(0, first.exitCode(), first.err());
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(first.field("published").startsWith("new"), first.out());
    assertTrue(second.field("published").contains("already there"), second.out());
  }

  @Test
  void errorsAreOneClearLineWithTheRightExitCode() throws Exception {
    Path folder = workDir.resolve("errors");
    Path garbage = folder.resolve("broken.torrent");
    Files.createDirectories(folder);
    Files.writeString(garbage, "d4:infoi1ee");

    PeerClientProcess.Result unknown =
        PeerClientProcess.run(folder, "fetch", "ab".repeat(20), "--server", server.baseUrl());
    PeerClientProcess.Result broken =
        PeerClientProcess.run(folder, "publish", garbage.toString(), "--server", server.baseUrl());
    PeerClientProcess.Result serverDown =
        PeerClientProcess.run(folder, "search", "x", "--server", "http://127.0.0.1:1");
    PeerClientProcess.Result usage = PeerClientProcess.run(folder, "create");

    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("no torrent with info-hash"), unknown.err());
    assertEquals(2, broken.exitCode());
    assertTrue(broken.err().contains("info must be a dictionary"), broken.err());
    assertEquals(2, serverDown.exitCode());
    assertTrue(serverDown.err().contains("cannot reach"), serverDown.err());
    assertEquals(1, usage.exitCode());
    for (PeerClientProcess.Result result :
        new PeerClientProcess.Result[] {unknown, broken, serverDown}) {
      assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
    }
  }

  private static Path randomFile(Path path, int size) throws Exception {
    Files.createDirectories(path.getParent());
    byte[] data = new byte[size];
    new Random().nextBytes(data);
    Files.write(path, data);
    return path;
  }
}
