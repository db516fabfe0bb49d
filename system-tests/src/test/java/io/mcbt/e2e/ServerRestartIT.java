package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded store keeps published torrents when the server stops, cleanly or not. */
@Timeout(300)
class ServerRestartIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publishedTorrentsSurviveARestartAndACrash() throws Exception {
    Path workDir = Jars.workDir().resolve("restart-" + UUID.randomUUID());
    byte[] first = SampleTorrents.random("first-" + UUID.randomUUID() + ".bin");
    byte[] second = SampleTorrents.random("second-" + UUID.randomUUID() + ".bin");

    try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
      assertTrue(server.log().contains("Store: embedded MongoDB-compatible store"), server.log());
      assertEquals(201, publish(server, first).statusCode());
    }
    try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
      assertArrayEquals(first, download(server, first));
      assertEquals(201, publish(server, second).statusCode());
      server.kill();
    }
    try (ServerProcess server = ServerProcess.start(workDir, Map.of())) {
      assertArrayEquals(first, download(server, first));
      assertArrayEquals(second, download(server, second));
    }
    assertTrue(Files.isRegularFile(workDir.resolve("data").resolve("mcbt-store.mv.db")));
  }

  private HttpResponse<byte[]> publish(ServerProcess server, byte[] torrent) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.api("torrents"))
            .header("Content-Type", "application/x-bittorrent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrent))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private byte[] download(ServerProcess server, byte[] torrent) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(
                    server.api("torrents/" + SampleTorrents.infoHash(torrent).hex() + ".torrent"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body()));
    return response.body();
  }
}
