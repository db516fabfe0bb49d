package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server on a MongoDB of its own (MONGODB_URI) that the test stops and starts again: readiness
 * follows the store, /openapi describes every endpoint, and the server's figures show in /metrics.
 */
@Timeout(300)
class OperationsIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessFollowsTheStoreAndMetricsShowTheTracker() throws Exception {
    MongoServer mongo = new MongoServer(H2Backend.inMemory());
    InetSocketAddress address = mongo.bind();
    String uri = "mongodb://127.0.0.1:" + address.getPort();
    try (ServerProcess server =
        ServerProcess.start(
            Jars.workDir().resolve("operations-" + UUID.randomUUID()),
            Map.of("MONGODB_URI", uri))) {
      assertTrue(server.log().contains("Store: MongoDB at " + uri), server.log());
      assertEquals(200, status(server.baseUrl() + "/health/ready"));

      mongo.shutdownNow();
      assertEquals(503, awaitStatus(server.baseUrl() + "/health/ready", 503));
      assertEquals(200, status(server.baseUrl() + "/health/live"), "alive without the store");

      mongo = new MongoServer(H2Backend.inMemory());
      mongo.bind("127.0.0.1", address.getPort());
      assertEquals(200, awaitStatus(server.baseUrl() + "/health/ready", 200));

      String openapi = body(server.baseUrl() + "/openapi");
      for (String path :
          List.of(
              "/announce:",
              "/scrape:",
              "/api/torrents:",
              "/api/torrents/{infoHash}:",
              "/api/torrents/{infoHash}.torrent:",
              "/api/torrents/{infoHash}/groups:",
              "/api/tracker/stats:",
              "/api/tracker/registrations:",
              "/api/groups:",
              "/api/groups/stream:",
              "/api/groups/{id}:")) {
        assertTrue(openapi.contains("  " + path), path + " is described in /openapi");
      }
      assertTrue(openapi.contains("Unknown or malformed info-hash"), "error answers are there");

      byte[] torrent = SampleTorrents.random("metrics-" + UUID.randomUUID() + ".bin");
      http.send(
          HttpRequest.newBuilder(server.api("torrents"))
              .header("Content-Type", "application/x-bittorrent")
              .POST(HttpRequest.BodyPublishers.ofByteArray(torrent))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      String hash = percentEncoded(SampleTorrents.infoHash(torrent).bytes());
      for (int peer = 0; peer < 3; peer++) {
        body(
            server.baseUrl()
                + "/announce?info_hash="
                + hash
                + "&peer_id=-MT0001-metrics0000"
                + peer
                + "&port=700"
                + peer
                + "&left=5");
      }
      body(server.baseUrl() + "/announce?info_hash=%00");

      String metrics = body(server.baseUrl() + "/metrics");
      assertTrue(metrics.contains("mcbt_tracker_announces{mp_scope=\"application\"} 3"), metrics);
      assertTrue(metrics.contains("mcbt_tracker_leechers{mp_scope=\"application\"} 3"), metrics);
      assertTrue(metrics.contains("mcbt_groups_active{mp_scope=\"application\"} 0"), metrics);
      assertTrue(
          metrics.contains("mcbt_groups_bytes_multicast{mp_scope=\"application\"} 0"), metrics);
      assertTrue(metrics.contains("mcbt_groups_nacks{mp_scope=\"application\"} 0"), metrics);
      assertTrue(
          metrics.contains(
              "mcbt_errors_total{kind=\"announce_refused\",mp_scope=\"application\"} 1"),
          metrics);
    } finally {
      mongo.shutdownNow();
    }
  }

  private static String percentEncoded(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%%%02X", b & 0xff));
    }
    return out.toString();
  }

  private int awaitStatus(String url, int wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = status(url);
    while (status != wanted && System.nanoTime() < deadline) {
      Thread.sleep(500);
      status = status(url);
    }
    return status;
  }

  private int status(String url) throws Exception {
    return http.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String body(String url) throws Exception {
    return http.send(request(url), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
  }
}
