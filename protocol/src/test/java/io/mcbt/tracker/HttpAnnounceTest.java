package io.mcbt.tracker;

import static io.mcbt.tracker.Queries.bytes;
import static io.mcbt.tracker.Queries.filled;
import static io.mcbt.tracker.Queries.percentEncode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAnnounceTest {
  private static final HttpAnnounce.NumWant NUM_WANT = new HttpAnnounce.NumWant(50, 200);
  private static final InetAddress REMOTE = v4(192, 0, 2, 7);
  private static final byte[] HASH = bytes(0xEC, 20);
  private static final byte[] PEER = bytes(0x00, 20);
  private static final String HASH_PARAM = "info_hash=" + percentEncode(HASH);
  private static final String PEER_PARAM = "peer_id=" + percentEncode(PEER);
  private static final String MINIMAL = HASH_PARAM + "&" + PEER_PARAM + "&port=6881&left=0";

  @Test
  void parsesEveryFieldOfAFullQuery() throws TrackerFailure {
    String query =
        HASH_PARAM
            + "&"
            + PEER_PARAM
            + "&port=51413&uploaded=1234&downloaded=5678&left=987654321098&event=started"
            + "&numwant=30&compact=1&no_peer_id=1&key=a+b&supportcrypto=1&trackerid=my+tracker%21";

    HttpAnnounce announce = HttpAnnounce.parse(query, REMOTE, NUM_WANT);
    AnnounceRequest request = announce.request();

    assertEquals(new InfoHash(HASH), request.infoHash());
    assertEquals(new PeerId(PEER), request.peerId());
    assertEquals(new PeerEndpoint(new byte[] {(byte) 192, 0, 2, 7}, 51413), request.endpoint());
    assertEquals(1234, request.uploaded());
    assertEquals(5678, request.downloaded());
    assertEquals(987654321098L, request.left());
    assertFalse(request.isSeeder());
    assertEquals(AnnounceEvent.STARTED, request.event());
    assertEquals(30, request.numWant());
    assertEquals(Optional.of("my tracker!"), request.trackerId());
    assertTrue(announce.compact());
    assertTrue(announce.noPeerId());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 236})
  void decodesEveryByteValueOfBinaryParameters(int first) throws TrackerFailure {
    byte[] hash = bytes(first, 20);
    byte[] peer = bytes(first + 20, 20);
    String query =
        "info_hash="
            + percentEncode(hash)
            + "&peer_id="
            + percentEncode(peer)
            + "&port=6881&left=0";

    AnnounceRequest request = HttpAnnounce.parse(query, REMOTE, NUM_WANT).request();

    assertArrayEquals(hash, request.infoHash().bytes());
    assertArrayEquals(peer, request.peerId().bytes());
  }

  @Test
  void decodesZeroAndFfBytesInLowerUpperAndMixedCase() throws TrackerFailure {
    String query =
        "info_hash=%00%ff%FF%fF%Ff"
            + "%00".repeat(15)
            + "&peer_id=-qB4650-%00%FF%aB%Cd+AZaz0~_"
            + "&port=6881&left=0";

    AnnounceRequest request = HttpAnnounce.parse(query, REMOTE, NUM_WANT).request();

    byte[] hash = new byte[20];
    hash[1] = hash[2] = hash[3] = hash[4] = (byte) 0xFF;
    assertArrayEquals(hash, request.infoHash().bytes());
    byte[] peer = new byte[20];
    System.arraycopy("-qB4650-".getBytes(StandardCharsets.US_ASCII), 0, peer, 0, 8);
    peer[8] = 0;
    peer[9] = (byte) 0xFF;
    peer[10] = (byte) 0xAB;
    peer[11] = (byte) 0xCD;
    System.arraycopy(" AZaz0~_".getBytes(StandardCharsets.US_ASCII), 0, peer, 12, 8);
    assertArrayEquals(peer, request.peerId().bytes());
  }

  @Test
  void appliesDefaultsForOptionalParameters() throws TrackerFailure {
    HttpAnnounce announce = HttpAnnounce.parse(MINIMAL, REMOTE, NUM_WANT);
    AnnounceRequest request = announce.request();

    assertTrue(announce.compact());
    assertFalse(announce.noPeerId());
    assertEquals(50, request.numWant());
    assertEquals(0, request.uploaded());
    assertEquals(0, request.downloaded());
    assertEquals(0, request.left());
    assertTrue(request.isSeeder());
    assertEquals(AnnounceEvent.NONE, request.event());
    assertEquals(Optional.empty(), request.trackerId());
  }

  @Test
  void compactIsOnUnlessExactlyZero() throws TrackerFailure {
    assertFalse(HttpAnnounce.parse(MINIMAL + "&compact=0", REMOTE, NUM_WANT).compact());
    assertTrue(HttpAnnounce.parse(MINIMAL + "&compact=1", REMOTE, NUM_WANT).compact());
    assertTrue(HttpAnnounce.parse(MINIMAL + "&compact=", REMOTE, NUM_WANT).compact());
    assertTrue(HttpAnnounce.parse(MINIMAL + "&compact", REMOTE, NUM_WANT).compact());
  }

  @Test
  void noPeerIdOnlyWhenOne() throws TrackerFailure {
    assertTrue(HttpAnnounce.parse(MINIMAL + "&no_peer_id=1", REMOTE, NUM_WANT).noPeerId());
    assertFalse(HttpAnnounce.parse(MINIMAL + "&no_peer_id=0", REMOTE, NUM_WANT).noPeerId());
  }

  @Test
  void numWantIsTakenAsGivenUpToTheMaximum() throws TrackerFailure {
    assertEquals(0, numWant("0"));
    assertEquals(1, numWant("1"));
    assertEquals(199, numWant("199"));
    assertEquals(200, numWant("200"));
    assertEquals(200, numWant("201"));
    assertEquals(200, numWant("9223372036854775807"));
    assertEquals(50, numWant(""));
  }

  private static int numWant(String value) throws TrackerFailure {
    return HttpAnnounce.parse(MINIMAL + "&numwant=" + value, REMOTE, NUM_WANT).request().numWant();
  }

  @Test
  void parsesEveryEvent() throws TrackerFailure {
    assertEquals(AnnounceEvent.STARTED, event("started"));
    assertEquals(AnnounceEvent.COMPLETED, event("completed"));
    assertEquals(AnnounceEvent.STOPPED, event("stopped"));
    assertEquals(AnnounceEvent.PAUSED, event("paused"));
    assertEquals(AnnounceEvent.NONE, event(""));
  }

  private static AnnounceEvent event(String value) throws TrackerFailure {
    return HttpAnnounce.parse(MINIMAL + "&event=" + value, REMOTE, NUM_WANT).request().event();
  }

  @Test
  void emptyTrackerIdIsAbsent() throws TrackerFailure {
    assertEquals(
        Optional.empty(),
        HttpAnnounce.parse(MINIMAL + "&trackerid=", REMOTE, NUM_WANT).request().trackerId());
  }

  @Test
  void ignoresEmptySegmentsAndParameterOrder() throws TrackerFailure {
    String query = "&&left=5&&port=6881&" + PEER_PARAM + "&&" + HASH_PARAM + "&";

    AnnounceRequest request = HttpAnnounce.parse(query, REMOTE, NUM_WANT).request();

    assertEquals(new InfoHash(HASH), request.infoHash());
    assertEquals(5, request.left());
  }

  @Test
  void takesAnIpv4RemoteAddress() throws TrackerFailure {
    PeerEndpoint endpoint =
        HttpAnnounce.parse(MINIMAL, v4(10, 1, 2, 3), NUM_WANT).request().endpoint();

    assertTrue(endpoint.isIpv4());
    assertArrayEquals(new byte[] {10, 1, 2, 3}, endpoint.address());
    assertEquals(6881, endpoint.port());
  }

  @Test
  void takesAnIpv6RemoteAddress() throws Exception {
    InetAddress remote = InetAddress.getByName("2001:db8::1");

    PeerEndpoint endpoint = HttpAnnounce.parse(MINIMAL, remote, NUM_WANT).request().endpoint();

    assertFalse(endpoint.isIpv4());
    assertArrayEquals(remote.getAddress(), endpoint.address());
    assertEquals("[2001:db8:0:0:0:0:0:1]:6881", endpoint.toString());
  }

  @Test
  void foldsAnIpv4MappedIpv6RemoteAddressToIpv4() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = mapped[11] = (byte) 0xFF;
    mapped[12] = 1;
    mapped[13] = 2;
    mapped[14] = 3;
    mapped[15] = 4;
    InetAddress remote = Inet6Address.getByAddress(null, mapped, -1);

    PeerEndpoint endpoint = HttpAnnounce.parse(MINIMAL, remote, NUM_WANT).request().endpoint();

    assertTrue(remote instanceof Inet6Address);
    assertEquals(new PeerEndpoint(new byte[] {1, 2, 3, 4}, 6881), endpoint);
  }

  @Test
  void ignoresTheIpParameter() throws TrackerFailure {
    String query = MINIMAL + "&ip=10.9.9.9&ipv4=10.8.8.8&ipv6=2001%3Adb8%3A%3A2";

    PeerEndpoint endpoint = HttpAnnounce.parse(query, REMOTE, NUM_WANT).request().endpoint();

    assertEquals(PeerEndpoint.of(REMOTE, 6881), endpoint);
  }

  @Test
  void acceptsTheLongestAllowedQuery() throws TrackerFailure {
    String padded = MINIMAL + "&key=";
    String query = padded + "x".repeat(QueryString.MAX_LENGTH - padded.length());

    assertEquals(QueryString.MAX_LENGTH, query.length());
    assertEquals(
        new InfoHash(HASH), HttpAnnounce.parse(query, REMOTE, NUM_WANT).request().infoHash());
  }

  @Test
  void acceptsTheMostParametersAllowed() throws TrackerFailure {
    String query = MINIMAL + "&x".repeat(QueryString.MAX_PARAMETERS - 4);

    assertEquals(
        new InfoHash(HASH), HttpAnnounce.parse(query, REMOTE, NUM_WANT).request().infoHash());
  }

  static Stream<Arguments> malformedQueries() {
    String noHash = PEER_PARAM + "&port=6881&left=0";
    String noPeer = HASH_PARAM + "&port=6881&left=0";
    String noPort = HASH_PARAM + "&" + PEER_PARAM + "&left=0";
    String noLeft = HASH_PARAM + "&" + PEER_PARAM + "&port=6881";
    String ids = HASH_PARAM + "&" + PEER_PARAM;
    return Stream.of(
        Arguments.of(null, "missing parameter info_hash"),
        Arguments.of("", "missing parameter info_hash"),
        Arguments.of("&&&", "missing parameter info_hash"),
        Arguments.of(noHash, "missing parameter info_hash"),
        Arguments.of(noPeer, "missing parameter peer_id"),
        Arguments.of(noPort, "missing parameter port"),
        Arguments.of(noLeft, "missing parameter left"),
        Arguments.of(ids + "&port=&left=0", "missing parameter port"),
        Arguments.of(ids + "&port=6881&left=", "missing parameter left"),
        Arguments.of(
            "info_hash=" + percentEncode(filled(1, 19)) + "&" + PEER_PARAM + "&port=1&left=0",
            "info_hash must be 20 bytes, got 19"),
        Arguments.of(
            "info_hash=" + percentEncode(filled(1, 21)) + "&" + PEER_PARAM + "&port=1&left=0",
            "info_hash must be 20 bytes, got 21"),
        Arguments.of(
            "info_hash=" + "a".repeat(40) + "&" + PEER_PARAM + "&port=1&left=0",
            "info_hash must be 20 bytes, got 40"),
        Arguments.of(
            HASH_PARAM + "&peer_id=" + percentEncode(filled(1, 19)) + "&port=1&left=0",
            "peer_id must be 20 bytes, got 19"),
        Arguments.of(
            HASH_PARAM + "&peer_id=" + percentEncode(filled(1, 21)) + "&port=1&left=0",
            "peer_id must be 20 bytes, got 21"),
        Arguments.of(HASH_PARAM + "&peer_id=&port=1&left=0", "peer_id must be 20 bytes, got 0"),
        Arguments.of(MINIMAL + "&key=%G1", "invalid percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%1G", "invalid percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%-1", "invalid percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%", "incomplete percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%4", "incomplete percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%4&x=1", "incomplete percent-escape in the query string"),
        Arguments.of(MINIMAL + "&%=1", "incomplete percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%\uFF21\uFF21", "invalid percent-escape in the query string"),
        Arguments.of(MINIMAL + "&key=%\u0661\u0661", "invalid percent-escape in the query string"),
        Arguments.of(ids + "&port=0&left=0", "port out of range: 0"),
        Arguments.of(ids + "&port=65536&left=0", "port out of range: 65536"),
        Arguments.of(ids + "&port=-1&left=0", "port must not be negative"),
        Arguments.of(ids + "&port=abc&left=0", "port must be a whole number"),
        Arguments.of(ids + "&port=6881.0&left=0", "port must be a whole number"),
        Arguments.of(ids + "&port=99999999999999999999&left=0", "port must be a whole number"),
        Arguments.of(ids + "&port=6881&left=-1", "left must not be negative"),
        Arguments.of(ids + "&port=6881&left=1e3", "left must be a whole number"),
        Arguments.of(MINIMAL + "&uploaded=-5", "uploaded must not be negative"),
        Arguments.of(MINIMAL + "&downloaded=x", "downloaded must be a whole number"),
        Arguments.of(MINIMAL + "&numwant=many", "numwant must be a whole number"),
        Arguments.of(MINIMAL + "&event=finished", "unknown event \"finished\""),
        Arguments.of(MINIMAL + "&event=STARTED", "unknown event \"STARTED\""),
        Arguments.of(MINIMAL + "&port=6882", "parameter port given more than once"),
        Arguments.of(MINIMAL + "&" + HASH_PARAM, "parameter info_hash given more than once"),
        Arguments.of(MINIMAL + "&" + PEER_PARAM, "parameter peer_id given more than once"),
        Arguments.of(MINIMAL + "&left=0", "parameter left given more than once"),
        Arguments.of(
            MINIMAL + "&event=started&event=stopped", "parameter event given more than once"),
        Arguments.of(
            MINIMAL + "&key=" + "x".repeat(QueryString.MAX_LENGTH),
            "query string longer than 8192 characters"),
        Arguments.of(
            MINIMAL + "&x".repeat(QueryString.MAX_PARAMETERS - 3),
            "more than 256 query parameters"));
  }

  @ParameterizedTest
  @MethodSource("malformedQueries")
  void refusesMalformedQueriesWithAReason(String query, String reason) {
    TrackerFailure failure =
        assertThrows(TrackerFailure.class, () -> HttpAnnounce.parse(query, REMOTE, NUM_WANT));

    assertTrue(
        failure.getMessage().contains(reason),
        () -> "expected \"" + reason + "\" in \"" + failure.getMessage() + "\"");
  }

  private static InetAddress v4(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
