package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The UDP tracker (BEP 15) on Payara Micro, on the port the build gives it (17169). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UdpTrackerIT {
  private static final int UDP_PORT = 17169;

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
  void announceOverUdpSharesTheSwarmWithHttp() throws Exception {
    byte[] infoHash = publish("seederPort=40000&seederHost=203.0.113.9");
    try (Bep15Client udp = new Bep15Client(UDP_PORT)) {
      long connection = udp.connect();

      ByteBuffer reply =
          udp.exchange(
              Bep15Client.announce(connection, 42, infoHash, peerId("udp-leecher"), 1000, 2, 6881));

      assertEquals(1, reply.getInt(0), "announce action");
      assertEquals(42, reply.getInt(4));
      assertEquals(1800, reply.getInt(8), "interval");
      assertEquals(1, reply.getInt(12), "leechers");
      assertEquals(1, reply.getInt(16), "seeders");
      byte[] seederAddress = new byte[4];
      reply.get(20, seederAddress);
      assertArrayEquals(new byte[] {(byte) 203, 0, 113, 9}, seederAddress);
      assertEquals(40000, Short.toUnsignedInt(reply.getShort(24)));
    }
  }

  @Test
  void scrapeAnswersInTheOrderAsked() throws Exception {
    byte[] tracked = publish("");
    try (Bep15Client udp = new Bep15Client(UDP_PORT)) {
      long connection = udp.connect();
      udp.exchange(
          Bep15Client.announce(connection, 1, tracked, peerId("udp-scrape-1"), 0, 2, 6882));

      ByteBuffer reply = udp.exchange(Bep15Client.scrape(connection, 7, new byte[20], tracked));

      assertEquals(2, reply.getInt(0));
      assertEquals(7, reply.getInt(4));
      assertEquals(0, reply.getInt(8), "unknown torrent: no seeders");
      assertEquals(1, reply.getInt(20), "seeders of the tracked torrent");
      assertEquals(0, reply.getInt(28), "leechers of the tracked torrent");
    }
  }

  @Test
  void unknownTorrentsAndStaleConnectionIdsGetErrorPackets() throws Exception {
    try (Bep15Client udp = new Bep15Client(UDP_PORT)) {
      long connection = udp.connect();

      ByteBuffer unknown =
          udp.exchange(
              Bep15Client.announce(connection, 5, new byte[20], peerId("udp-unknown"), 0, 0, 6883));
      ByteBuffer stale =
          udp.exchange(
              Bep15Client.announce(
                  connection + 1, 6, new byte[20], peerId("udp-stale"), 0, 0, 6883));

      assertError(unknown, 5, "unknown torrent");
      assertError(stale, 6, "connection id");
    }
  }

  @Test
  void brokenPacketsGetAnErrorOrNothingAndTheTrackerKeepsServing() throws Exception {
    try (Bep15Client udp = new Bep15Client(UDP_PORT)) {
      long connection = udp.connect();

      ByteBuffer wrongMagic = udp.exchange(ByteBuffer.allocate(16).putLong(1).putInt(0).putInt(11));
      ByteBuffer unknownAction =
          udp.exchange(ByteBuffer.allocate(16).putLong(connection).putInt(9).putInt(12));
      ByteBuffer truncated =
          udp.exchange(ByteBuffer.allocate(40).putLong(connection).putInt(1).putInt(13));
      boolean answeredGarbage =
          udp.anyReplyTo(ByteBuffer.allocate(5).put(new byte[] {1, 2, 3, 4, 5}));

      assertError(wrongMagic, 11, "protocol id");
      assertError(unknownAction, 12, "unknown action");
      assertError(truncated, 13, "expected 98");
      assertFalse(answeredGarbage, "a packet without a transaction id is dropped");
      assertTrue(udp.connect() != 0, "still serving");
    }
  }

  private static void assertError(ByteBuffer reply, int transaction, String messagePart) {
    assertEquals(3, reply.getInt(0), "error action");
    assertEquals(transaction, reply.getInt(4));
    int end = reply.position() > 0 ? reply.position() : reply.capacity();
    String message =
        new String(reply.array(), 8, end - 8, StandardCharsets.UTF_8).replace("\0", "").trim();
    assertTrue(message.contains(messagePart), message);
  }

  private byte[] publish(String seederQuery) {
    CreatedTorrent torrent = TestTorrents.named("udp-" + TestTorrents.uniqueWord());
    assertEquals(
        201,
        api.post(
                "torrents" + (seederQuery.isEmpty() ? "" : "?" + seederQuery),
                "application/x-bittorrent",
                torrent.bytes())
            .statusCode());
    return torrent.metainfo().infoHash().bytes();
  }

  private static byte[] peerId(String name) {
    return String.format("%-20s", name).substring(0, 20).getBytes(StandardCharsets.US_ASCII);
  }
}
