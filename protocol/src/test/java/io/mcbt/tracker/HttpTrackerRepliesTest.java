package io.mcbt.tracker;

import static io.mcbt.tracker.CanonicalBencode.assertCanonical;
import static io.mcbt.tracker.Queries.bytes;
import static io.mcbt.tracker.Queries.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import io.mcbt.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpTrackerRepliesTest {
  private static final PeerEndpoint V4_A = new PeerEndpoint(new byte[] {1, 2, 3, 4}, 6881);
  private static final PeerEndpoint V4_B =
      new PeerEndpoint(new byte[] {(byte) 192, (byte) 168, 0, (byte) 255}, 65535);
  private static final PeerEndpoint V4_C = new PeerEndpoint(new byte[] {10, 0, 0, 1}, 1);
  private static final PeerEndpoint V6_A =
      new PeerEndpoint(v6("20010db8000000000000000000000001"), 51413);
  private static final PeerEndpoint V6_B =
      new PeerEndpoint(v6("fe800000000000000000000000abcdef"), 256);
  private static final PeerId ID_A = new PeerId(bytes(0x00, 20));
  private static final PeerId ID_B = new PeerId(bytes(0xEC, 20));
  private static final PeerId ID_C = new PeerId(filled('C', 20));

  @Test
  void writesASmallCompactReplyAsExactCanonicalBytes() {
    AnnounceReply reply =
        new AnnounceReply(
            1800, 900, 2, 1, List.of(new AnnounceReply.Peer(ID_A, V4_A)), Optional.of("t1"));

    byte[] body = HttpTrackerReplies.announce(reply, true, false);

    assertArrayEquals(
        concat(
            ascii("d8:completei2e10:incompletei1e8:intervali1800e12:min intervali900e5:peers6:"),
            new byte[] {1, 2, 3, 4, 0x1A, (byte) 0xE1},
            ascii("10:tracker id2:t1e")),
        body);
    assertCanonical(body);
  }

  @Test
  void writesEveryFieldOfACompactReply() {
    AnnounceReply reply =
        new AnnounceReply(
            1800,
            900,
            7,
            3,
            List.of(
                new AnnounceReply.Peer(ID_A, V4_A),
                new AnnounceReply.Peer(ID_B, V4_B),
                new AnnounceReply.Peer(ID_C, V4_C)),
            Optional.of("tracker-1"));

    byte[] body = HttpTrackerReplies.announce(reply, true, false);
    Map<String, Object> decoded = decode(body);

    assertCanonical(body);
    assertEquals(
        Set.of("complete", "incomplete", "interval", "min interval", "peers", "tracker id"),
        decoded.keySet());
    assertEquals(7L, decoded.get("complete"));
    assertEquals(3L, decoded.get("incomplete"));
    assertEquals(1800L, decoded.get("interval"));
    assertEquals(900L, decoded.get("min interval"));
    assertArrayEquals(ascii("tracker-1"), bytesOf(decoded.get("tracker id")));
    assertArrayEquals(
        new byte[] {
          1,
          2,
          3,
          4,
          0x1A,
          (byte) 0xE1,
          (byte) 192,
          (byte) 168,
          0,
          (byte) 255,
          (byte) 0xFF,
          (byte) 0xFF,
          10,
          0,
          0,
          1,
          0,
          1
        },
        bytesOf(decoded.get("peers")));
  }

  @Test
  void listsIpv6PeersApartInPeers6() {
    AnnounceReply reply =
        new AnnounceReply(
            60,
            30,
            1,
            4,
            List.of(
                new AnnounceReply.Peer(ID_A, V6_A),
                new AnnounceReply.Peer(ID_B, V4_A),
                new AnnounceReply.Peer(ID_C, V6_B),
                new AnnounceReply.Peer(ID_A, V4_C)),
            Optional.empty());

    byte[] body = HttpTrackerReplies.announce(reply, true, false);
    Map<String, Object> decoded = decode(body);

    assertCanonical(body);
    assertArrayEquals(concat(compact(V4_A), compact(V4_C)), bytesOf(decoded.get("peers")));
    byte[] peers6 = bytesOf(decoded.get("peers6"));
    assertEquals(36, peers6.length);
    assertArrayEquals(
        concat(
            v6("20010db8000000000000000000000001"),
            new byte[] {(byte) 0xC8, (byte) 0xD5},
            v6("fe800000000000000000000000abcdef"),
            new byte[] {1, 0}),
        peers6);
    assertFalse(decoded.containsKey("tracker id"));
  }

  @Test
  void leavesOutPeers6WithoutIpv6PeersAndKeepsAnEmptyPeersString() {
    AnnounceReply reply = new AnnounceReply(60, 30, 0, 1, List.of(), Optional.empty());

    byte[] body = HttpTrackerReplies.announce(reply, true, false);
    Map<String, Object> decoded = decode(body);

    assertArrayEquals(
        ascii("d8:completei0e10:incompletei1e8:intervali60e12:min intervali30e5:peers0:e"), body);
    assertEquals(
        Set.of("complete", "incomplete", "interval", "min interval", "peers"), decoded.keySet());
  }

  @Test
  void compactReplyOfOnlyIpv6PeersHasAnEmptyPeersString() {
    AnnounceReply reply =
        new AnnounceReply(
            60, 30, 1, 0, List.of(new AnnounceReply.Peer(ID_A, V6_A)), Optional.empty());

    Map<String, Object> decoded = decode(HttpTrackerReplies.announce(reply, true, true));

    assertEquals(0, bytesOf(decoded.get("peers")).length);
    assertArrayEquals(compact(V6_A), bytesOf(decoded.get("peers6")));
  }

  @Test
  void writesPeerDictionariesWithPeerIds() {
    AnnounceReply reply =
        new AnnounceReply(
            1800,
            900,
            1,
            1,
            List.of(new AnnounceReply.Peer(ID_B, V4_B), new AnnounceReply.Peer(ID_A, V6_A)),
            Optional.of("t"));

    byte[] body = HttpTrackerReplies.announce(reply, false, false);
    Map<String, Object> decoded = decode(body);

    assertCanonical(body);
    assertFalse(decoded.containsKey("peers6"));
    List<?> peers = assertInstanceOf(List.class, decoded.get("peers"));
    assertEquals(2, peers.size());
    Map<?, ?> first = assertInstanceOf(Map.class, peers.get(0));
    assertEquals(Set.of("ip", "peer id", "port"), first.keySet());
    assertArrayEquals(ascii("192.168.0.255"), bytesOf(first.get("ip")));
    assertArrayEquals(ID_B.bytes(), bytesOf(first.get("peer id")));
    assertEquals(65535L, first.get("port"));
    Map<?, ?> second = assertInstanceOf(Map.class, peers.get(1));
    assertArrayEquals(ascii("2001:db8:0:0:0:0:0:1"), bytesOf(second.get("ip")));
    assertArrayEquals(ID_A.bytes(), bytesOf(second.get("peer id")));
    assertEquals(51413L, second.get("port"));
    assertArrayEquals(ascii("t"), bytesOf(decoded.get("tracker id")));
  }

  @Test
  void writesPeerDictionariesWithoutPeerIdsWhenAsked() {
    AnnounceReply reply =
        new AnnounceReply(
            1800, 900, 1, 0, List.of(new AnnounceReply.Peer(ID_C, V4_A)), Optional.empty());

    byte[] body = HttpTrackerReplies.announce(reply, false, true);

    assertArrayEquals(
        ascii(
            "d8:completei1e10:incompletei0e8:intervali1800e12:min intervali900e"
                + "5:peersld2:ip7:1.2.3.44:porti6881eeee"),
        body);
    Map<?, ?> peer = assertInstanceOf(Map.class, ((List<?>) decode(body).get("peers")).get(0));
    assertEquals(Set.of("ip", "port"), peer.keySet());
  }

  @Test
  void writesAnEmptyPeerListInTheDictionaryModel() {
    AnnounceReply reply = new AnnounceReply(1, 1, 0, 0, List.of(), Optional.empty());

    assertArrayEquals(
        ascii("d8:completei0e10:incompletei0e8:intervali1e12:min intervali1e5:peerslee"),
        HttpTrackerReplies.announce(reply, false, false));
  }

  @Test
  void writesAFailureReason() {
    byte[] body = HttpTrackerReplies.failure("unknown torrent");

    assertArrayEquals(ascii("d14:failure reason15:unknown torrente"), body);
  }

  @Test
  void countsFailureReasonLengthInUtf8Bytes() {
    String reason = "café ✓";

    byte[] body = HttpTrackerReplies.failure(reason);
    Map<String, Object> decoded = decode(body);

    assertCanonical(body);
    assertEquals(Set.of("failure reason"), decoded.keySet());
    assertArrayEquals(
        reason.getBytes(StandardCharsets.UTF_8), bytesOf(decoded.get("failure reason")));
  }

  @Test
  void writesScrapeCountsUnderRawInfoHashesInByteOrder() {
    InfoHash low = new InfoHash(filled(0x00, 20));
    InfoHash middle = new InfoHash(filled(0x7F, 20));
    InfoHash high = new InfoHash(filled(0x80, 20));
    InfoHash highest = new InfoHash(bytes(0xEC, 20));
    Map<InfoHash, ScrapeCounts> swarms = new LinkedHashMap<>();
    swarms.put(highest, new ScrapeCounts(4, 5_000_000_000L, 6));
    swarms.put(middle, new ScrapeCounts(0, 0, 1));
    swarms.put(high, new ScrapeCounts(2, 3, 0));
    swarms.put(low, new ScrapeCounts(10, 11, 12));

    byte[] body = HttpTrackerReplies.scrape(swarms);
    Map<String, Object> decoded = decode(body, StandardCharsets.ISO_8859_1);

    assertCanonical(body);
    assertEquals(Set.of("files"), decoded.keySet());
    Map<?, ?> files = assertInstanceOf(Map.class, decoded.get("files"));
    assertEquals(4, files.size());
    for (Map.Entry<InfoHash, ScrapeCounts> swarm : swarms.entrySet()) {
      String key = new String(swarm.getKey().bytes(), StandardCharsets.ISO_8859_1);
      Map<?, ?> counts = assertInstanceOf(Map.class, files.get(key), swarm.getKey().hex());
      assertEquals(Set.of("complete", "downloaded", "incomplete"), counts.keySet());
      assertEquals((long) swarm.getValue().complete(), counts.get("complete"));
      assertEquals(swarm.getValue().downloaded(), counts.get("downloaded"));
      assertEquals((long) swarm.getValue().incomplete(), counts.get("incomplete"));
    }
  }

  @Test
  void writesOneScrapeEntryAsExactBytes() {
    InfoHash hash = new InfoHash(filled(0xFF, 20));

    byte[] body = HttpTrackerReplies.scrape(Map.of(hash, new ScrapeCounts(1, 2, 3)));

    assertArrayEquals(
        concat(
            ascii("d5:filesd20:"),
            filled(0xFF, 20),
            ascii("d8:completei1e10:downloadedi2e10:incompletei3eeee")),
        body);
  }

  @Test
  void writesAnEmptyScrape() {
    assertArrayEquals(ascii("d5:filesdee"), HttpTrackerReplies.scrape(Map.of()));
  }

  private static Map<String, Object> decode(byte[] body) {
    return decode(body, StandardCharsets.UTF_8);
  }

  private static Map<String, Object> decode(byte[] body, Charset keys) {
    return new Bencode(keys, true).decode(body, Type.DICTIONARY);
  }

  private static byte[] bytesOf(Object value) {
    ByteBuffer buffer = assertInstanceOf(ByteBuffer.class, value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static byte[] compact(PeerEndpoint endpoint) {
    byte[] out = new byte[endpoint.compactLength()];
    endpoint.writeCompact(out, 0);
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] v6(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
