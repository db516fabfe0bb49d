package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.peer.signal.GroupJoiner;
import io.mcbt.peer.signal.TrackerSocket;
import io.mcbt.signal.SignalMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The EAR on a full Payara Server 6 (a fresh domain, loopback only) serves the same API as the
 * server jar on Payara Micro: the index, the HTTP and UDP tracker, the peers' WebSocket with group
 * formation, and JSON errors.
 */
@Timeout(120)
class PayaraServerEarIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path workDir;
  private static PayaraDomain domain;

  @BeforeAll
  @Timeout(300)
  static void deployTheEarOnAFreshDomain() throws Exception {
    assumeFalse(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"),
        "the test runs Payara's asadmin shell script");
    Path payaraHome = existing("mcbt.payaraHome", "bin/asadmin");
    Path ear = existing("mcbt.ear", "");
    workDir = Jars.workDir().resolve("payara-server-" + UUID.randomUUID());
    domain = PayaraDomain.create(payaraHome, workDir);
    domain.start(
        Map.of(
            "MCBT_DATA_DIR", workDir.resolve("data").toString(),
            "MCBT_TRACKER_UDP_ADDRESS", "127.0.0.1",
            "MCBT_TRACKER_UDP_PORT", Integer.toString(domain.sparePort()),
            // Every client here is on loopback: no per-address limits.
            "MCBT_TRACKER_ANNOUNCE_RATE_PER_IP", "0",
            "MCBT_INDEX_UPLOAD_RATE_PER_MINUTE", "0"));
    domain.deploy(ear, "mcbt");
  }

  @AfterAll
  static void stopTheDomain() throws Exception {
    if (domain != null) {
      domain.close();
    }
  }

  @Test
  void aPublishedTorrentIsFoundAndFetchedByteForByte() throws Exception {
    assertTrue(
        domain.log().contains("embedded MongoDB-compatible store in " + workDir.resolve("data")),
        "a fresh store under target/");
    String word = "ear" + UUID.randomUUID().toString().substring(0, 8);
    Path seeder = workDir.resolve("seeder");
    Path data = seeder.resolve("Image-" + word + ".bin");
    Files.createDirectories(seeder);
    byte[] bytes = new byte[200_000];
    new Random().nextBytes(bytes);
    Files.write(data, bytes);

    PeerClientProcess.Result published =
        PeerClientProcess.run(seeder, "publish", data.toString(), "--server", domain.baseUrl());
    assertEquals(0, published.exitCode(), published.err());
    assertTrue(published.field("published").startsWith("new"), published.out());
    String infoHash = published.field("info-hash");
    byte[] created = Files.readAllBytes(seeder.resolve("Image-" + word + ".bin.torrent"));

    PeerClientProcess.Result found =
        PeerClientProcess.run(seeder, "search", word, "--server", domain.baseUrl());
    assertEquals(0, found.exitCode(), found.err());
    assertTrue(found.out().contains(infoHash), found.out());

    Path leecher = workDir.resolve("leecher");
    PeerClientProcess.Result fetched =
        PeerClientProcess.run(
            leecher, "fetch", infoHash, "-o", "fetched.torrent", "--server", domain.baseUrl());
    assertEquals(0, fetched.exitCode(), fetched.err());
    assertArrayEquals(created, Files.readAllBytes(leecher.resolve("fetched.torrent")));
  }

  @Test
  void announcesAndScrapesAreAnsweredInBencode() throws Exception {
    InfoHash torrent = publish("tracker");

    String announced = TrackerProbe.httpAnnounce(domain.baseUrl() + "/announce", torrent, 1);
    String scraped = TrackerProbe.httpScrape(domain.baseUrl() + "/scrape", torrent);

    assertTrue(announced.startsWith("d") && announced.contains("8:intervali"), announced);
    assertFalse(announced.contains("failure reason"), announced);
    assertTrue(scraped.startsWith("d5:filesd20:"), scraped);
    assertTrue(scraped.contains("10:incompletei1e"), "the announcing leecher counts: " + scraped);
    assertEquals("ok", TrackerProbe.udpAnnounce(domain.sparePort(), torrent, 2), "UDP (BEP 15)");
  }

  @Test
  void thePeersWebSocketAnswersAHelloAndFormsAGroup() throws Exception {
    InfoHash torrent = publish("signal");
    // The tracker takes a hello only for torrents announced from the peer's address.
    String announced = TrackerProbe.httpAnnounce(domain.baseUrl() + "/announce", torrent, 1);
    assertFalse(announced.contains("failure reason"), announced);

    try (EchoResponder holderControl =
            EchoResponder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TrackerSocket holder = connect();
        TrackerSocket leecher = connect()) {
      holder.send(
          new SignalMessage.Hello(
              "holder", List.of(), List.of(torrent), 6881, holderControl.port(), true));
      SignalMessage.Candidates candidates = candidatesNaming("holder", torrent);
      assertEquals("127.0.0.1", candidates.senders().get(0).host());

      try (InputStream events = groupEvents()) {
        CompletableFuture<Boolean> shown =
            CompletableFuture.supplyAsync(() -> containsLineWith(events, torrent.hex()));

        // Groups are formed by the EJB module's clock, after the formation window; the web
        // module's event stream hears of it from there.
        Optional<SignalMessage.GroupAssign> assign =
            new GroupJoiner(leecher, new RttProber(5, Duration.ofMillis(2), Duration.ofMillis(500)))
                .join("leecher", torrent, 6882, 7002, Duration.ofSeconds(20));

        assertTrue(assign.isPresent(), "assigned within the formation window");
        assertEquals("holder", assign.get().sender().peerId());
        assertTrue(assign.get().address().startsWith("239.192."), assign.get().address());
        assertTrue(shown.get(10, TimeUnit.SECONDS), "the group shows on /api/groups/stream");
      }
    }
  }

  @Test
  void aBadUploadIsRefusedWithAJsonReason() throws Exception {
    HttpResponse<String> malformed = upload("application/x-bittorrent", "d4:infoi1ee".getBytes());
    HttpResponse<String> wrongType = upload("text/plain", "hello".getBytes());

    JsonNode error = new ObjectMapper().readTree(malformed.body());
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertEquals(
        "application/json",
        malformed.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals(400, error.get("status").asInt(), malformed.body());
    assertTrue(error.get("reason").asText().contains("info"), malformed.body());
    assertEquals(415, wrongType.statusCode(), wrongType.body());
    assertTrue(new ObjectMapper().readTree(wrongType.body()).has("reason"), wrongType.body());
  }

  /**
   * Says hello as a leecher, on a new connection each time, until the candidates name the holder:
   * the holder's hello, on its own connection, may still be on its way.
   */
  private static SignalMessage.Candidates candidatesNaming(String holder, InfoHash torrent)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(15);
    SignalMessage last = null;
    while (Instant.now().isBefore(deadline)) {
      try (TrackerSocket leecher = connect()) {
        leecher.send(
            new SignalMessage.Hello("prober", List.of(torrent), List.of(), 6883, 7003, true));
        Optional<SignalMessage> answer = leecher.next(Duration.ofSeconds(10));
        last = answer.orElse(null);
        if (last instanceof SignalMessage.Candidates candidates
            && candidates.senders().stream().anyMatch(s -> s.peerId().equals(holder))) {
          return candidates;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no candidates naming " + holder + "; last answer: " + last);
  }

  /** The server-sent events of /api/groups/stream, open until closed. */
  private static InputStream groupEvents() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(domain.baseUrl() + "/api/groups/stream")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private static boolean containsLineWith(InputStream events, String text) {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8));
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.contains(text)) {
          return true;
        }
      }
      return false;
    } catch (IOException closed) {
      return false;
    }
  }

  private static TrackerSocket connect() throws Exception {
    return TrackerSocket.connect(URI.create(domain.baseUrl()), Duration.ofSeconds(10));
  }

  private static InfoHash publish(String name) throws Exception {
    byte[] torrent =
        SampleTorrents.random(
            name + "-" + UUID.randomUUID() + ".bin", domain.baseUrl() + "/announce");
    HttpResponse<String> response = upload("application/x-bittorrent", torrent);
    assertEquals(201, response.statusCode(), response.body());
    return SampleTorrents.infoHash(torrent);
  }

  private static HttpResponse<String> upload(String contentType, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(domain.baseUrl() + "/api/torrents"))
            .header("Content-Type", contentType)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A path the build passes in, which must hold {@code inside} (or be a file, when empty). */
  private static Path existing(String property, String inside) {
    String value = System.getProperty(property);
    Path path = value == null ? null : Path.of(value);
    if (path == null || !Files.exists(path.resolve(inside))) {
      throw new IllegalStateException(
          property
              + " must name what the build made (run through Maven: ./mvnw verify); got "
              + value);
    }
    return path;
  }
}
