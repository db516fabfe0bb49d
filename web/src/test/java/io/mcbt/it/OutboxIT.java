package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mcbt.metainfo.TorrentCreator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A registration for a remote tracker that is down waits in the outbox, and reaches the tracker
 * once it is up. The server is configured (in the build) with the remote tracker
 * http://127.0.0.1:17181, which this test plays.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutboxIT {
  private static final int REMOTE_PORT = 17181;

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @Test
  void registrationForATrackerThatIsDownIsDeliveredWhenItComesUp() throws Exception {
    Api api = new Api(deployment);
    Path folder = Files.createTempDirectory("outbox-it");
    Path file =
        Files.write(folder.resolve("remote-" + TestTorrents.uniqueWord()), new byte[50_000]);
    TorrentCreator.CreatedTorrent torrent =
        TorrentCreator.of(file)
            .announce(
                "http://127.0.0.1:17180/announce", "http://127.0.0.1:" + REMOTE_PORT + "/announce")
            .create();

    assertEquals(
        201,
        api.post("torrents?seederPort=6881", "application/x-bittorrent", torrent.bytes())
            .statusCode());
    Thread.sleep(3_000);
    assertTrue(pending(api) >= 1, "the registration waits while the remote tracker is down");

    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer remote =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), REMOTE_PORT), 0);
    remote.createContext(
        "/api/tracker/registrations",
        exchange -> {
          received.add(new String(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    remote.start();
    try {
      String body = received.poll(60, TimeUnit.SECONDS);
      assertTrue(body != null, "the outbox delivered within a minute of the tracker coming up");
      JsonNode registration = new ObjectMapper().readTree(body);
      assertEquals(torrent.metainfo().infoHash().hex(), registration.get("infoHash").asText());
      assertEquals(6881, registration.get("seeder").get("port").asInt());
      assertEquals(List.of(), List.copyOf(received), "delivered once");
      awaitNoPending(api);
    } finally {
      remote.stop(0);
    }
  }

  private static long pending(Api api) {
    return Api.json(api.get("tracker/stats")).get("registrationsPending").asLong();
  }

  private static void awaitNoPending(Api api) throws InterruptedException {
    for (int i = 0; i < 50 && pending(api) > 0; i++) {
      Thread.sleep(200);
    }
    assertEquals(0, pending(api));
  }
}
