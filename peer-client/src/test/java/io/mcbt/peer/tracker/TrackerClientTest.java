package io.mcbt.peer.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackerClientTest {
  private static final byte[] HASH = new byte[20];
  private static final byte[] ID = "-MC0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);

  static {
    for (int i = 0; i < HASH.length; i++) {
      HASH[i] = (byte) (i * 13 + 0x7a); // letters, digits and bytes that need escaping
    }
  }

  private HttpServer server;
  private final AtomicReference<String> query = new AtomicReference<>();
  private volatile int status = 200;
  private volatile byte[] reply = new byte[0];
  private final TrackerClient client = new TrackerClient(Duration.ofSeconds(5), "test");

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/announce",
        exchange -> {
          query.set(exchange.getRequestURI().getRawQuery());
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/announce");
  }

  private static Announce announce(AnnounceEvent event) {
    return new Announce(new InfoHash(HASH), new PeerId(ID), 6881, 10, 20, 30, event);
  }

  private static byte[] bencode(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(
          part instanceof byte[] bytes ? bytes : part.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void sendsTheBep3QueryWithPercentEncodedBytes() throws Exception {
    reply = bencode("d8:intervali900e5:peers0:e");
    client.announce(url(), announce(AnnounceEvent.STARTED));
    String expectedHash = TrackerClient.percentEncode(HASH);
    assertEquals(
        "info_hash="
            + expectedHash
            + "&peer_id=-MC0001-abcdefghijkl&port=6881&uploaded=10&downloaded=20&left=30"
            + "&compact=1&numwant=50&event=started",
        query.get());
    assertTrue(expectedHash.contains("%"), expectedHash);
  }

  @Test
  void aRegularAnnounceHasNoEvent() throws Exception {
    reply = bencode("d8:intervali900e5:peers0:e");
    client.announce(url(), announce(AnnounceEvent.NONE));
    assertTrue(!query.get().contains("event="), query.get());
  }

  @Test
  void percentEncodingKeepsOnlyUnreservedCharacters() {
    assertEquals(
        "aZ09-_.~%00%20%2F%FF",
        TrackerClient.percentEncode(
            new byte[] {'a', 'Z', '0', '9', '-', '_', '.', '~', 0, ' ', '/', -1}));
  }

  @Test
  void readsCompactIpv4AndIpv6PeersAndTheInterval() throws Exception {
    byte[] v4 = {127, 0, 0, 1, 0x1A, (byte) 0xE1, 10, 0, 0, 2, 0, 80};
    byte[] v6 = new byte[18];
    v6[15] = 1;
    v6[16] = 0x1A;
    v6[17] = (byte) 0xE2;
    reply = bencode("d8:intervali120e5:peers12:", v4, "6:peers618:", v6, "e");
    AnnounceResult result = client.announce(url(), announce(AnnounceEvent.NONE));
    assertEquals(Duration.ofSeconds(120), result.interval());
    assertEquals(
        List.of(
            new PeerEndpoint(new byte[] {127, 0, 0, 1}, 6881),
            new PeerEndpoint(new byte[] {10, 0, 0, 2}, 80),
            peer6()),
        result.peers());
  }

  private static PeerEndpoint peer6() {
    byte[] address = new byte[16];
    address[15] = 1;
    return new PeerEndpoint(address, 6882);
  }

  @Test
  void readsTheDictionaryPeerModel() throws Exception {
    reply = bencode("d8:intervali60e5:peersld2:ip9:127.0.0.17:peer id20:", ID, "4:porti7000eeee");
    AnnounceResult result = client.announce(url(), announce(AnnounceEvent.NONE));
    assertEquals(List.of(new PeerEndpoint(new byte[] {127, 0, 0, 1}, 7000)), result.peers());
  }

  @Test
  void aFailureReasonBecomesTheExceptionMessage() {
    reply = bencode("d14:failure reason17:torrent not founde");
    TrackerException e =
        assertThrows(
            TrackerException.class, () -> client.announce(url(), announce(AnnounceEvent.NONE)));
    assertTrue(e.getMessage().endsWith("torrent not found"), e.getMessage());
  }

  @Test
  void anHttpErrorNamesTheStatusAndReason() {
    status = 400;
    reply = bencode("d14:failure reason11:bad requeste");
    TrackerException e =
        assertThrows(
            TrackerException.class, () -> client.announce(url(), announce(AnnounceEvent.NONE)));
    assertTrue(e.getMessage().contains("HTTP 400: bad request"), e.getMessage());
  }

  @Test
  void aReplyThatIsNotBencodeIsRefused() {
    reply = bencode("<html>oops</html>");
    assertThrows(
        TrackerException.class, () -> client.announce(url(), announce(AnnounceEvent.NONE)));
  }

  @Test
  void compactPeersOfABrokenLengthAreRefused() {
    reply = bencode("d8:intervali60e5:peers5:abcdee");
    assertThrows(
        TrackerException.class, () -> client.announce(url(), announce(AnnounceEvent.NONE)));
  }

  @Test
  void aMissingIntervalFallsBackToTheDefault() throws Exception {
    reply = bencode("d5:peers0:e");
    assertEquals(
        TrackerClient.DEFAULT_INTERVAL,
        client.announce(url(), announce(AnnounceEvent.NONE)).interval());
  }
}
