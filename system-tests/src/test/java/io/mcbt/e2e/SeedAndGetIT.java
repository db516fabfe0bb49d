package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our seed and our get, as processes, through the real server: the leecher is put in a multicast
 * group with the seeder as sender, downloads the data (over the peer wire for now), and its group
 * ends done.
 */
@Timeout(300)
class SeedAndGetIT {

  @Test
  void aLeecherJoinsTheSeedersGroupDownloadsAndTheGroupEndsDone() throws Exception {
    Path work = Jars.workDir().resolve("seed-get-" + UUID.randomUUID());
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[3_000_000];
    new Random().nextBytes(data);
    Files.write(source.resolve("image.bin"), data);
    try (ServerProcess server =
        ServerProcess.start(
            work.resolve("server"), Map.of("MCBT_GROUPS_FORMATION_WINDOW_MS", "300"))) {
      String url = server.baseUrl();
      PeerClientProcess.Result published =
          PeerClientProcess.run(
              work, "publish", "source/image.bin", "-o", "image.torrent", "--server", url, "-q");
      assertEquals(0, published.exitCode(), published.err());
      String infoHash = published.field("info-hash");

      Process seeder =
          new ProcessBuilder(
                  ServerProcess.javaBinary(),
                  "-jar",
                  Jars.peerClient().toString(),
                  "seed",
                  "image.torrent",
                  "--data",
                  "source",
                  "--server",
                  url,
                  "--bind",
                  "127.0.0.1",
                  "--port",
                  "0",
                  "-q")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("seed.log").toFile())
              .start();
      try {
        awaitLine(work.resolve("seed.log"), "seeding image.bin");
        PeerClientProcess.Result got =
            PeerClientProcess.run(
                work,
                "get",
                "image.torrent",
                "-o",
                "download",
                "--server",
                url,
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--exit-when-done",
                "-q");

        assertEquals(0, got.exitCode(), got.out() + got.err());
        assertTrue(got.out().contains("multicast group "), got.out());
        assertArrayEquals(data, Files.readAllBytes(work.resolve("download/image.bin")));
        JsonNode groups = awaitFinishedGroup(url, infoHash);
        assertEquals(
            "DONE", groups.get("finished").get(0).get("state").asText(), groups.toString());
      } finally {
        seeder.destroy();
        seeder.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitLine(Path log, String text) throws Exception {
    for (int i = 0; i < 120; i++) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no \"" + text + "\" in " + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  private static JsonNode awaitFinishedGroup(String url, String infoHash) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode groups = null;
    for (int i = 0; i < 40; i++) {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create(url + "/api/torrents/" + infoHash + "/groups"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      groups = new ObjectMapper().readTree(body);
      if (groups.get("finished").size() > 0) {
        return groups;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no finished group: " + groups);
  }
}
