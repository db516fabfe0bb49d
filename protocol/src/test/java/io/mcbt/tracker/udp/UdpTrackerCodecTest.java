package io.mcbt.tracker.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import io.mcbt.tracker.ScrapeCounts;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BEP 15 packets, written by hand from the spec and read by the codec, and the reverse. */
class UdpTrackerCodecTest {
  private static final byte[] HASH = new byte[20];
  private static final byte[] PEER = "-XX0001-abcdefghijkl".getBytes();

  static {
    new Random(1).nextBytes(HASH);
  }

  @Test
  void readsConnectAnnounceAndScrape() throws Exception {
    assertEquals(
        new UdpRequest.Connect(77),
        UdpTrackerCodec.decode(
            ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(77).flip()));

    UdpRequest.Announce announce =
        (UdpRequest.Announce) UdpTrackerCodec.decode(announce(5, 3, 1_000, 2, -1, 6881).flip());
    assertEquals(5, announce.connectionId());
    assertEquals(3, announce.transactionId());
    assertEquals(new InfoHash(HASH), announce.infoHash());
    assertEquals(new PeerId(PEER), announce.peerId());
    assertEquals(1_000, announce.left());
    assertEquals(AnnounceEvent.STARTED, announce.event());
    assertEquals(-1, announce.numWant());
    assertEquals(6881, announce.port());

    UdpRequest.Scrape scrape =
        (UdpRequest.Scrape)
            UdpTrackerCodec.decode(
                ByteBuffer.allocate(56).putLong(5).putInt(2).putInt(4).put(HASH).put(HASH).flip());
    assertEquals(List.of(new InfoHash(HASH), new InfoHash(HASH)), scrape.infoHashes());
  }

  @Test
  void anAnnounceWithBep41OptionsAfterIt() throws Exception {
    ByteBuffer packet = ByteBuffer.allocate(120);
    packet.put(announce(5, 3, 0, 0, 10, 51413).flip());
    packet.put(new byte[] {2, 5, '/', 'a', 'n', 'n', 'o', 0});

    assertInstanceOf(UdpRequest.Announce.class, UdpTrackerCodec.decode(packet.flip()));
  }

  @Test
  void writesResponsesAsTheSpecLaysThemOut() throws Exception {
    ByteBuffer connect = ByteBuffer.allocate(16);
    UdpTrackerCodec.encodeConnect(9, 0x1122334455667788L, connect);
    assertEquals(0, connect.getInt(0));
    assertEquals(9, connect.getInt(4));
    assertEquals(0x1122334455667788L, connect.getLong(8));

    PeerEndpoint v4 = PeerEndpoint.of(java.net.InetAddress.getByName("192.0.2.3"), 6881);
    PeerEndpoint v6 = PeerEndpoint.of(java.net.InetAddress.getByName("2001:db8::1"), 6882);
    AnnounceReply reply =
        new AnnounceReply(
            1800,
            60,
            4,
            7,
            List.of(
                new AnnounceReply.Peer(new PeerId(PEER), v4),
                new AnnounceReply.Peer(new PeerId(PEER), v6)),
            Optional.empty());
    ByteBuffer overIpv4 = ByteBuffer.allocate(512);
    UdpTrackerCodec.encodeAnnounce(3, reply, false, overIpv4);
    assertEquals(26, overIpv4.position(), "one 6-byte IPv4 peer after the 20-byte header");
    assertEquals(1800, overIpv4.getInt(8));
    assertEquals(7, overIpv4.getInt(12), "leechers before seeders");
    assertEquals(4, overIpv4.getInt(16));
    assertEquals(6881, Short.toUnsignedInt(overIpv4.getShort(24)));
    ByteBuffer overIpv6 = ByteBuffer.allocate(512);
    UdpTrackerCodec.encodeAnnounce(3, reply, true, overIpv6);
    assertEquals(38, overIpv6.position(), "one 18-byte IPv6 peer");

    ByteBuffer scrape = ByteBuffer.allocate(64);
    UdpTrackerCodec.encodeScrape(4, List.of(new ScrapeCounts(1, 2, 3)), scrape);
    assertEquals(
        List.of(2, 4, 1, 2, 3),
        List.of(
            scrape.getInt(0),
            scrape.getInt(4),
            scrape.getInt(8),
            scrape.getInt(12),
            scrape.getInt(16)));

    ByteBuffer error = ByteBuffer.allocate(64);
    UdpTrackerCodec.encodeError(5, "no", error);
    assertEquals(3, error.getInt(0));
    assertEquals(10, error.position());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(ByteBuffer.allocate(15), "too short", false),
        Arguments.of(
            ByteBuffer.allocate(16).putLong(1).putInt(0).putInt(1).flip(),
            "wrong protocol id",
            true),
        Arguments.of(
            ByteBuffer.allocate(16).putLong(1).putInt(7).putInt(1).flip(),
            "unknown action 7",
            true),
        Arguments.of(
            ByteBuffer.allocate(97).putLong(1).putInt(1).putInt(1).position(97).flip(),
            "expected 98",
            true),
        Arguments.of(announce(1, 1, 0, 9, -1, 6881).flip(), "unknown event 9", true),
        Arguments.of(announce(1, 1, 0, 0, -1, 0).flip(), "port out of range", true),
        Arguments.of(announce(1, 1, -5, 0, -1, 6881).flip(), "negative", true),
        Arguments.of(
            ByteBuffer.allocate(16).putLong(1).putInt(2).putInt(1).flip(), "whole 20-byte", true),
        Arguments.of(
            ByteBuffer.allocate(26).putLong(1).putInt(2).putInt(1).flip(), "whole 20-byte", true),
        Arguments.of(
            ByteBuffer.allocate(16 + 20 * 75)
                .putLong(1)
                .putInt(2)
                .putInt(1)
                .position(16 + 20 * 75)
                .flip(),
            "at most 74",
            true));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedPacketsAreRefusedWithAReason(ByteBuffer packet, String reason, boolean answerable) {
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> UdpTrackerCodec.decode(packet));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertEquals(answerable, e.transactionId().isPresent());
  }

  @Test
  void randomAndMutatedPacketsDecodeOrFailCleanly() {
    Random random = new Random(23);
    List<ByteBuffer> seeds =
        List.of(
            announce(5, 3, 1_000, 2, -1, 6881).flip(),
            ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(77).flip(),
            ByteBuffer.allocate(56).putLong(5).putInt(2).putInt(4).put(HASH).put(HASH).flip());
    for (int i = 0; i < Integer.getInteger("mcbt.fuzz.iterations", 100_000); i++) {
      byte[] packet;
      if (random.nextInt(4) == 0) {
        packet = new byte[random.nextInt(200)];
        random.nextBytes(packet);
      } else {
        ByteBuffer seed = seeds.get(random.nextInt(seeds.size())).duplicate();
        packet = new byte[seed.remaining()];
        seed.get(packet);
        for (int flips = 1 + random.nextInt(4); flips > 0 && packet.length > 0; flips--) {
          packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(5) == 0) {
          packet =
              java.util.Arrays.copyOf(packet, Math.max(0, packet.length + random.nextInt(41) - 20));
        }
      }
      try {
        UdpTrackerCodec.decode(ByteBuffer.wrap(packet));
      } catch (MalformedPacketException expected) {
        // the only acceptable failure
      } catch (RuntimeException e) {
        throw new AssertionError(
            "decode threw " + e + " for " + java.util.HexFormat.of().formatHex(packet), e);
      }
    }
  }

  @Test
  void connectionIdsAreValidForTheirMinuteAndTheNextOnlyAndOnlyForTheirClient() {
    ConnectionIds ids = new ConnectionIds();
    InetSocketAddress client = new InetSocketAddress("127.0.0.1", 5000);
    long minute = 60_000_000_000L;
    long id = ids.issue(client, 10 * minute + 5);

    assertTrue(ids.isValid(id, client, 10 * minute + 59_000_000_000L));
    assertTrue(ids.isValid(id, client, 11 * minute + 1));
    assertTrue(!ids.isValid(id, client, 12 * minute + 1));
    assertTrue(!ids.isValid(id, new InetSocketAddress("127.0.0.1", 5001), 10 * minute + 6));
    assertTrue(!ids.isValid(id + 1, client, 10 * minute + 6));
  }

  private static ByteBuffer announce(
      long connection, int transaction, long left, int event, int numWant, int port) {
    return ByteBuffer.allocate(98)
        .putLong(connection)
        .putInt(1)
        .putInt(transaction)
        .put(HASH)
        .put(PEER)
        .putLong(0)
        .putLong(left)
        .putLong(0)
        .putInt(event)
        .putInt(0)
        .putInt(12345)
        .putInt(numWant)
        .putShort((short) port);
  }
}
