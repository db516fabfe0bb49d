package io.mcbt.it;

import static io.mcbt.it.TrackerRequests.announceQuery;
import static io.mcbt.it.TrackerRequests.bytes;
import static io.mcbt.it.TrackerRequests.decode;
import static io.mcbt.it.TrackerRequests.percentEncoded;
import static io.mcbt.it.TrackerRequests.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP tracker on Payara Micro, read with a bencode decoder as a BitTorrent client would. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrackerIT {
  private static final String BITTORRENT = "application/x-bittorrent";

  @ArquillianResource URL deployment;
  private Api api;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @BeforeEach
  void client() {
    api = new Api(deployment);
  }

  @Test
  void aSeederRegisteredByTheIndexIsInTheFirstReplyToALeecher() {
    byte[] infoHash = publish("seeder", "seederPort=51413&seederHost=192.0.2.10");

    Map<String, Object> reply = announce(infoHash, "-TR3000-leecher00001", 6881, 1000, "");

    assertEquals(1L, reply.get("complete"));
    assertEquals(1L, reply.get("incomplete"));
    assertEquals(1800L, reply.get("interval"));
    assertTrue((Long) reply.get("min interval") > 0);
    assertFalse(text(reply.get("tracker id")).isEmpty());
    assertArrayEquals(
        new byte[] {(byte) 192, 0, 2, 10, (byte) 0xc8, (byte) 0xd5}, bytes(reply.get("peers")));
  }

  @Test
  void peersSeeEachOtherButNeverThemselves() {
    byte[] infoHash = publish("swarm", "");
    announce(infoHash, "-AR1360-aaaaaaaaaaaa", 7001, 500, "&event=started");
    Map<String, Object> second =
        announce(infoHash, "-AR1360-bbbbbbbbbbbb", 7002, 500, "&event=started");
    Map<String, Object> third =
        announce(infoHash, "-AR1360-cccccccccccc", 7003, 0, "&event=started");

    assertEquals(List.of(7001), ports(second));
    assertEquals(List.of(7001, 7002), ports(third).stream().sorted().toList());
    assertEquals(2L, third.get("incomplete"));
    assertEquals(1L, third.get("complete"));
  }

  @Test
  void dictionaryModelListsIpPortAndPeerIdUnlessAskedNotTo() {
    byte[] infoHash = publish("dictionary", "");
    announce(infoHash, "-AR1360-dddddddddddd", 7101, 10, "");

    Map<String, Object> withIds =
        announce(infoHash, "-AR1360-eeeeeeeeeeee", 7102, 10, "&compact=0");
    Map<String, Object> withoutIds =
        announce(infoHash, "-AR1360-eeeeeeeeeeee", 7102, 10, "&compact=0&no_peer_id=1");

    @SuppressWarnings("unchecked")
    Map<String, Object> peer = ((List<Map<String, Object>>) withIds.get("peers")).get(0);
    assertEquals("127.0.0.1", text(peer.get("ip")));
    assertEquals(7101L, peer.get("port"));
    assertEquals("-AR1360-dddddddddddd", text(peer.get("peer id")));
    @SuppressWarnings("unchecked")
    Map<String, Object> anonymous = ((List<Map<String, Object>>) withoutIds.get("peers")).get(0);
    assertFalse(anonymous.containsKey("peer id"));
  }

  @Test
  void numwantLimitsThePeersAndStoppedLeavesTheSwarm() {
    byte[] infoHash = publish("numwant", "");
    for (int i = 0; i < 5; i++) {
      announce(infoHash, "-AR1360-numwant0000" + i, 7200 + i, 10, "");
    }

    assertEquals(
        2, ports(announce(infoHash, "-AR1360-numwant00009", 7299, 10, "&numwant=2")).size());
    Map<String, Object> stopped =
        announce(infoHash, "-AR1360-numwant00009", 7299, 10, "&event=stopped");
    assertEquals(5L, stopped.get("incomplete"));
  }

  @Test
  void scrapeCountsSeedersLeechersAndCompletedDownloadsForSeveralTorrents() {
    byte[] first = publish("scrape-one", "");
    byte[] second = publish("scrape-two", "");
    announce(first, "-AR1360-scrape000001", 7301, 100, "&event=started");
    announce(first, "-AR1360-scrape000001", 7301, 0, "&event=completed");
    announce(first, "-AR1360-scrape000002", 7302, 100, "&event=started");

    HttpResponse<byte[]> response =
        api.getFromRoot(
            "scrape?info_hash=" + percentEncoded(first) + "&info_hash=" + percentEncoded(second));

    // The decoder reads dictionary keys as text, so binary info-hash keys are compared by value.
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> files =
        (Map<String, Map<String, Object>>) decode(response.body()).get("files");
    assertEquals(
        List.of(List.of(0L, 0L, 0L), List.of(1L, 1L, 1L)),
        files.values().stream()
            .map(c -> List.of(c.get("complete"), c.get("downloaded"), c.get("incomplete")))
            .sorted(java.util.Comparator.comparing(Object::toString))
            .toList());
  }

  @Test
  void unknownTorrentsAreRefusedWithAFailureReason() {
    Map<String, Object> reply = announce(new byte[20], "-AR1360-unknown00001", 7401, 10, "");

    assertTrue(text(reply.get("failure reason")).startsWith("unknown torrent"), reply.toString());
  }

  static Stream<Arguments> malformedAnnounces() {
    String hash = percentEncoded(new byte[20]);
    String peer = percentEncoded("-AR1360-malformed001".getBytes(StandardCharsets.US_ASCII));
    return Stream.of(
        Arguments.of("announce", "missing parameter info_hash"),
        Arguments.of(
            "announce?info_hash=%01%02&peer_id=" + peer + "&port=1&left=0",
            "info_hash must be 20 bytes"),
        Arguments.of("announce?info_hash=" + hash + "&port=1&left=0", "missing parameter peer_id"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=abc&port=1&left=0",
            "peer_id must be 20 bytes"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&left=0",
            "missing parameter port"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=70000&left=0",
            "port out of range"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=0&left=0",
            "port out of range"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=x&left=0",
            "port must be a whole number"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=1",
            "missing parameter left"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=1&left=-5",
            "left must not be negative"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=1&left=0&event=gone",
            "unknown event"),
        Arguments.of(
            "announce?info_hash=" + hash + "&peer_id=" + peer + "&port=1&port=2&left=0",
            "parameter port given more than once"),
        Arguments.of("scrape", "missing parameter info_hash"),
        Arguments.of("scrape?info_hash=%00", "info_hash must be 20 bytes"));
  }

  @ParameterizedTest
  @MethodSource("malformedAnnounces")
  void malformedRequestsGetTheirFailureReasonBencoded(String request, String reason) {
    HttpResponse<byte[]> response = api.getFromRoot(request);

    assertEquals(200, response.statusCode());
    String failure = text(decode(response.body()).get("failure reason"));
    assertTrue(failure.contains(reason), failure);
  }

  @Test
  void registrationsFromAnotherIndexAreTrackedAndTheirSeederOffered() {
    CreatedTorrent torrent = TestTorrents.named(TestTorrents.uniqueWord() + ".bin");
    String json =
        "{\"infoHash\":\""
            + torrent.metainfo().infoHash().hex()
            + "\",\"seeder\":{\"host\":\"198.51.100.4\",\"port\":6999}}";

    HttpResponse<byte[]> registered =
        api.post(
            "tracker/registrations", "application/json", json.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> reply =
        announce(torrent.metainfo().infoHash().bytes(), "-AR1360-registered01", 7501, 10, "");

    assertEquals(200, registered.statusCode(), new String(registered.body()));
    assertArrayEquals(new byte[] {(byte) 198, 51, 100, 4, 0x1b, 0x57}, bytes(reply.get("peers")));
  }

  @Test
  void badRegistrationsAreRefusedWithTheReason() {
    HttpResponse<byte[]> badHash =
        api.post("tracker/registrations", "application/json", "{\"infoHash\":\"xyz\"}".getBytes());
    HttpResponse<byte[]> hostName =
        api.post(
            "tracker/registrations",
            "application/json",
            ("{\"infoHash\":\""
                    + "ab".repeat(20)
                    + "\",\"seeder\":{\"host\":\"example.org\",\"port\":1}}")
                .getBytes());

    assertEquals(400, badHash.statusCode());
    assertTrue(Api.json(badHash).get("reason").asText().contains("40 hexadecimal digits"));
    assertEquals(400, hostName.statusCode());
    assertTrue(Api.json(hostName).get("reason").asText().contains("IPv4 or IPv6 address"));
  }

  @Test
  void statsCountTorrentsPeersAndAnnounces() {
    byte[] infoHash = publish("stats", "");
    announce(infoHash, "-AR1360-stats0000001", 7601, 10, "");

    JsonNode stats = Api.json(api.get("tracker/stats"));

    assertTrue(stats.get("torrents").asInt() >= 1, stats.toString());
    assertTrue(stats.get("trackedTorrents").asInt() >= 1, stats.toString());
    assertTrue(stats.get("leechers").asInt() >= 1, stats.toString());
    assertTrue(stats.get("announces").asLong() >= 1, stats.toString());
    assertFalse(stats.get("open").asBoolean());
  }

  private byte[] publish(String name, String seederQuery) {
    CreatedTorrent torrent = TestTorrents.named(name + "-" + TestTorrents.uniqueWord());
    HttpResponse<byte[]> response =
        api.post(
            "torrents" + (seederQuery.isEmpty() ? "" : "?" + seederQuery),
            BITTORRENT,
            torrent.bytes());
    assertEquals(201, response.statusCode(), new String(response.body()));
    return torrent.metainfo().infoHash().bytes();
  }

  private Map<String, Object> announce(
      byte[] infoHash, String peerId, int port, long left, String extra) {
    HttpResponse<byte[]> response =
        api.getFromRoot(announceQuery(infoHash, peerId, port, left, extra));
    assertEquals(200, response.statusCode());
    return decode(response.body());
  }

  private static List<Integer> ports(Map<String, Object> reply) {
    byte[] peers = bytes(reply.get("peers"));
    return java.util.stream.IntStream.range(0, peers.length / 6)
        .mapToObj(i -> ((peers[i * 6 + 4] & 0xff) << 8) | (peers[i * 6 + 5] & 0xff))
        .toList();
  }
}
