package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One server under load ({@link TrackerLoad}): 10,000 simulated peers announce ({@code started})
 * over HTTP, then 1,000 WebSockets are open at once and say hello. No request may fail, every
 * leecher must get its candidates, and the server's resident memory must stay bounded. The sizes
 * can be changed with {@code -Dload.peers=... -Dload.sessions=...} ({@code bench/tracker-load.sh}).
 */
@Timeout(300)
class TrackerLoadIT {
  /** Payara Micro with the application idles at about 400 MiB; the load may not double it. */
  private static final long RSS_LIMIT_BYTES = 1024L * 1024 * 1024;

  private static final Pattern USED_HEAP =
      Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})? (\\S+)");

  @Test
  void tenThousandPeersAndAThousandWebSocketsWithoutAnError() throws Exception {
    int peers = Integer.getInteger("load.peers", 10_000);
    int sessions = Integer.getInteger("load.sessions", 1_000);
    int torrents = Integer.getInteger("load.torrents", 100);
    try (ServerProcess server =
        ServerProcess.start(Jars.workDir().resolve("load-" + UUID.randomUUID()), Map.of())) {
      long rssBefore = rssBytes(server.pid());
      AtomicLong rssOpen = new AtomicLong();
      AtomicLong heapOpen = new AtomicLong();
      TrackerLoad.Figures figures =
          new TrackerLoad(server.baseUrl())
              .run(
                  torrents,
                  peers,
                  1,
                  64,
                  sessions,
                  () -> {
                    rssOpen.set(rssBytes(server.pid()));
                    heapOpen.set(usedHeapBytes(server));
                  });
      System.out.printf(
          "load: %s%nserver rss before=%d MiB with %d sessions open=%d MiB, used heap=%d MiB%n",
          figures, rssBefore >> 20, sessions, rssOpen.get() >> 20, heapOpen.get() >> 20);
      assertEquals(0, figures.announceErrors(), figures.toString());
      assertEquals(0, figures.sessionErrors(), figures.toString());
      assertEquals(0, figures.emptyCandidates(), figures.toString());
      assertTrue(rssOpen.get() < RSS_LIMIT_BYTES, "rss " + rssOpen.get());
      assertTrue(!server.log().contains("OutOfMemoryError"), "no OutOfMemoryError");
    }
  }

  /** VmRSS of process {@code pid}, from /proc; 0 where there is no /proc. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static long usedHeapBytes(ServerProcess server) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher used = USED_HEAP.matcher(response.body());
      return used.find() ? (long) Double.parseDouble(used.group(1)) : 0;
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return 0;
    }
  }
}
