package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-address limits on a server of its own: a burst of announces passes, the next one gets a
 * bencoded failure reason over HTTP and a BEP 15 error over UDP (one budget for both), and an
 * upload over its limit gets 429 with a JSON reason and Retry-After.
 */
@Timeout(300)
class AbuseLimitsIT {
  private static final int BURST = 6;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void announcesAndUploadsOverTheirRateAreRefused() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            Jars.workDir().resolve("limits-" + UUID.randomUUID()),
            Map.of(
                "MCBT_TRACKER_ANNOUNCE_RATE_PER_IP", "0.1",
                "MCBT_TRACKER_ANNOUNCE_BURST_PER_IP", Integer.toString(BURST),
                "MCBT_INDEX_UPLOAD_RATE_PER_MINUTE", "1",
                "MCBT_INDEX_UPLOAD_BURST", "2"))) {
      byte[] first = SampleTorrents.random("limits-" + UUID.randomUUID() + ".bin");
      byte[] second = SampleTorrents.random("limits-" + UUID.randomUUID() + ".bin");
      byte[] third = SampleTorrents.random("limits-" + UUID.randomUUID() + ".bin");
      assertEquals(201, publish(server, first).statusCode());
      assertEquals(201, publish(server, second).statusCode());
      HttpResponse<String> refused = publish(server, third);
      assertEquals(429, refused.statusCode(), refused.body());
      assertTrue(
          refused.body().contains("\"reason\":\"too many uploads from your address"),
          refused.body());
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);

      InfoHash torrent = SampleTorrents.infoHash(first);
      String announceUrl = server.baseUrl() + "/announce";
      for (int peer = 0; peer < BURST - 1; peer++) {
        String reply = TrackerProbe.httpAnnounce(announceUrl, torrent, peer);
        assertFalse(reply.contains("failure reason"), "announce " + peer + ": " + reply);
      }
      assertEquals("ok", TrackerProbe.udpAnnounce(server.udpPort(), torrent, BURST));
      String over = TrackerProbe.httpAnnounce(announceUrl, torrent, BURST + 1);
      assertTrue(over.contains("14:failure reason") && over.contains("too many requests"), over);
      String udpOver = TrackerProbe.udpAnnounce(server.udpPort(), torrent, BURST + 2);
      assertTrue(udpOver.startsWith("error: too many requests"), udpOver);
      String scrape = TrackerProbe.httpScrape(server.baseUrl() + "/scrape", torrent);
      assertTrue(scrape.contains("too many requests"), "scrapes share the budget: " + scrape);

      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(metrics.contains("mcbt_tracker_throttled{mp_scope=\"application\"} 3"), metrics);
    }
  }

  private HttpResponse<String> publish(ServerProcess server, byte[] torrent) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.api("torrents"))
            .header("Content-Type", "application/x-bittorrent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrent))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
