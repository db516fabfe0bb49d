package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A private tracker: announces and scrapes only at {@code /announce/<passkey>} and {@code
 * /scrape/<passkey>} with a configured passkey; everything else gets a bencoded failure reason, and
 * the UDP tracker (BEP 15 has no passkey) an error.
 */
@Timeout(300)
class PrivateTrackerIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void onlyConfiguredPasskeysMayAnnounceAndScrape() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            Jars.workDir().resolve("private-" + UUID.randomUUID()),
            Map.of(
                "MCBT_TRACKER_PRIVATE", "true",
                "MCBT_TRACKER_PASSKEYS", "alice:k3y-alice-0123, bob:k3y-bob-4567"))) {
      byte[] file = SampleTorrents.random("private-" + UUID.randomUUID() + ".bin");
      HttpResponse<String> published =
          http.send(
              HttpRequest.newBuilder(server.api("torrents"))
                  .header("Content-Type", "application/x-bittorrent")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, published.statusCode(), published.body());
      InfoHash torrent = SampleTorrents.infoHash(file);
      String base = server.baseUrl();

      String alice = TrackerProbe.httpAnnounce(base + "/announce/k3y-alice-0123", torrent, 1);
      String bob = TrackerProbe.httpAnnounce(base + "/announce/k3y-bob-4567", torrent, 2);
      assertFalse(alice.contains("failure reason"), alice);
      assertTrue(bob.contains("8:completei0e10:incompletei2e"), bob);

      String none = TrackerProbe.httpAnnounce(base + "/announce", torrent, 3);
      assertTrue(none.contains("this tracker is private"), none);
      String empty = TrackerProbe.httpAnnounce(base + "/announce/", torrent, 3);
      assertTrue(empty.contains("this tracker is private"), empty);
      String wrong = TrackerProbe.httpAnnounce(base + "/announce/k3y-alice-0124", torrent, 3);
      assertTrue(wrong.contains("14:failure reason15:unknown passkey"), wrong);

      String scrape = TrackerProbe.httpScrape(base + "/scrape/k3y-bob-4567", torrent);
      assertTrue(scrape.contains("10:incompletei2e"), scrape);
      String openScrape = TrackerProbe.httpScrape(base + "/scrape", torrent);
      assertTrue(openScrape.contains("this tracker is private"), openScrape);

      String udp = TrackerProbe.udpAnnounce(server.udpPort(), torrent, 4);
      assertTrue(udp.startsWith("error: this tracker is private"), udp);
    }
  }
}
