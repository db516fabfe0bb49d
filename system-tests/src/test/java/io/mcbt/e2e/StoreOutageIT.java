package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mcbt.metainfo.InfoHash;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MongoDB goes away for 30 seconds under a running server (its own mongo-java-server on an H2 file,
 * stopped and started again on the same port). Meanwhile announces keep working from memory, over
 * HTTP and UDP, even for a torrent with no swarm yet; an upload gets 503 with a JSON reason and
 * Retry-After. Afterwards uploads work again, nothing published before is lost, and an outbox
 * registration queued before the outage reaches its remote tracker. The server runs with the
 * default driver timeouts (10 s).
 */
@Timeout(420)
class StoreOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theTrackerRidesOutAStoreOutageAndTheIndexRecovers() throws Exception {
    Path work = Jars.workDir().resolve("outage-" + UUID.randomUUID());
    Files.createDirectories(work);
    String storeFile = work.resolve("store.mv").toString();
    MongoServer mongo = new MongoServer(new H2Backend(storeFile));
    InetSocketAddress address = mongo.bind();
    RemoteTracker remote = RemoteTracker.start();
    try (ServerProcess server =
        ServerProcess.start(
            work.resolve("server"),
            Map.of(
                "MONGODB_URI",
                "mongodb://127.0.0.1:" + address.getPort(),
                "MCBT_TRACKER_REMOTE_URLS",
                remote.baseUrl()))) {
      String announceUrl = server.baseUrl() + "/announce";
      byte[] first =
          SampleTorrents.random("before-" + UUID.randomUUID() + ".bin", announceUrl, remote.url());
      byte[] second = SampleTorrents.random("before-" + UUID.randomUUID() + ".bin", announceUrl);
      assertEquals(201, publish(server, first).statusCode());
      assertEquals(201, publish(server, second).statusCode());
      InfoHash announced = SampleTorrents.infoHash(first);
      InfoHash quiet = SampleTorrents.infoHash(second);
      assertOk(TrackerProbe.httpAnnounce(announceUrl, announced, 1));
      // The remote tracker refuses the registration once: it waits in the outbox.
      remote.awaitAttempts(1);

      mongo.shutdownNow();
      long outageStart = System.nanoTime();
      remote.accepting.set(true);
      assertEquals(503, awaitStatus(server.baseUrl() + "/health/ready", 503));

      String during = TrackerProbe.httpAnnounce(announceUrl, announced, 2);
      assertTrue(during.contains("10:incompletei2e"), "the swarm is still in memory: " + during);
      long start = System.nanoTime();
      assertEquals("ok", TrackerProbe.udpAnnounce(server.udpPort(), quiet, 3));
      assertOk(TrackerProbe.httpAnnounce(announceUrl, quiet, 4));
      long newSwarmMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(newSwarmMs < 3_000, "a new swarm waits for no store: " + newSwarmMs + " ms");

      byte[] third = SampleTorrents.random("during-" + UUID.randomUUID() + ".bin", announceUrl);
      HttpResponse<String> refused = publish(server, third);
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("\"reason\":\"the store (MongoDB) is not reachable"));
      assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");

      int peer = 10;
      while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
        assertOk(TrackerProbe.httpAnnounce(announceUrl, announced, peer++));
        Thread.sleep(2_000);
      }

      mongo = new MongoServer(new H2Backend(storeFile));
      mongo.bind("127.0.0.1", address.getPort());
      assertEquals(200, awaitStatus(server.baseUrl() + "/health/ready", 200));
      assertEquals(201, awaitPublished(server, third));
      for (InfoHash before : List.of(announced, quiet)) {
        assertEquals(200, get(server.api("torrents/" + before.hex())).statusCode(), before.hex());
      }
      assertTrue(
          get(server.api("torrents?size=100")).body().contains("\"total\":3"), "three torrents");
      remote.awaitDelivered(announced);
      assertOk(TrackerProbe.httpAnnounce(announceUrl, announced, peer));
    } finally {
      mongo.shutdownNow();
      remote.close();
    }
  }

  private static void assertOk(String reply) {
    assertFalse(reply.contains("failure reason"), reply);
  }

  /** An upload right after the store returns may still meet the driver reconnecting. */
  private int awaitPublished(ServerProcess server, byte[] torrent) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> response = publish(server, torrent);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      response = publish(server, torrent);
    }
    return response.statusCode();
  }

  private HttpResponse<String> publish(ServerProcess server, byte[] torrent) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.api("torrents"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-bittorrent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrent))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int awaitStatus(String url, int wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = get(URI.create(url)).statusCode();
    while (status != wanted && System.nanoTime() < deadline) {
      Thread.sleep(500);
      status = get(URI.create(url)).statusCode();
    }
    return status;
  }

  /** Another tracker of the deployment: answers 503 until told to accept registrations. */
  private static final class RemoteTracker implements AutoCloseable {
    final AtomicBoolean accepting = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private RemoteTracker(HttpServer server) {
      this.server = server;
    }

    static RemoteTracker start() throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RemoteTracker remote = new RemoteTracker(server);
      server.createContext(
          "/api/tracker/registrations",
          exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
              body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            remote.attempts.incrementAndGet();
            int status = remote.accepting.get() ? 200 : 503;
            if (status == 200) {
              remote.delivered.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
      return remote;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
      return baseUrl() + "/announce";
    }

    void awaitAttempts(int count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (attempts.get() < count) {
        assertTrue(System.nanoTime() < deadline, "the outbox never tried the remote tracker");
        Thread.sleep(100);
      }
    }

    void awaitDelivered(InfoHash infoHash) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (delivered.stream().noneMatch(body -> body.contains(infoHash.hex()))) {
        assertTrue(
            System.nanoTime() < deadline,
            "the registration did not reach the remote tracker: " + delivered);
        Thread.sleep(250);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
