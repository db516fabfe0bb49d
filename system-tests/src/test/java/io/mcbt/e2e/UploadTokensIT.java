package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With upload tokens configured, publishing needs one; reading stays open to everyone. */
@Timeout(300)
class UploadTokensIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publishingNeedsAConfiguredTokenAndReadingDoesNot() throws Exception {
    Path work = Jars.workDir().resolve("tokens-" + UUID.randomUUID());
    try (ServerProcess server =
        ServerProcess.start(
            work.resolve("server"), Map.of("MCBT_INDEX_UPLOAD_TOKENS", "alpha, beta"))) {
      byte[] torrent = SampleTorrents.random("tokens-" + UUID.randomUUID() + ".bin");

      HttpResponse<String> anonymous = publish(server, torrent, Optional.empty());
      HttpResponse<String> wrong = publish(server, torrent, Optional.of("gamma"));
      HttpResponse<String> right = publish(server, torrent, Optional.of("beta"));
      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(server.api("torrents")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertEquals(401, anonymous.statusCode());
      assertEquals(
          "Bearer realm=\"mcbt\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
      assertTrue(anonymous.body().contains("publishing needs a token"), anonymous.body());
      assertEquals(401, wrong.statusCode());
      assertTrue(wrong.body().contains("this token may not publish"), wrong.body());
      assertEquals(201, right.statusCode(), right.body());
      assertEquals(200, read.statusCode());

      Files.createDirectories(work);
      Files.write(work.resolve("other.bin"), new byte[40_000]);
      PeerClientProcess.Result refused =
          PeerClientProcess.run(work, "publish", "other.bin", "--server", server.baseUrl(), "-q");
      PeerClientProcess.Result allowed =
          PeerClientProcess.run(
              work,
              "publish",
              "other.bin.torrent",
              "--server",
              server.baseUrl(),
              "--token",
              "alpha");
      assertEquals(2, refused.exitCode());
      assertTrue(refused.err().contains("publishing needs a token"), refused.err());
      assertEquals(0, allowed.exitCode(), allowed.err());
    }
  }

  private HttpResponse<String> publish(ServerProcess server, byte[] torrent, Optional<String> token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.api("torrents"))
            .header("Content-Type", "application/x-bittorrent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrent));
    token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
