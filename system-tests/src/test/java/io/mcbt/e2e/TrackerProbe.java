package io.mcbt.e2e;

import io.mcbt.metainfo.InfoHash;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Announces as a client would, over HTTP and over UDP (BEP 15), and says what came back. */
final class TrackerProbe {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TrackerProbe() {}

  /** The bencoded reply of an HTTP announce at {@code announceUrl}, as ISO-8859-1 text. */
  static String httpAnnounce(String announceUrl, InfoHash torrent, int peer) throws Exception {
    String query =
        "?info_hash="
            + percentEncoded(torrent.bytes())
            + "&peer_id="
            + peerId(peer)
            + "&port="
            + (10_000 + peer)
            + "&uploaded=0&downloaded=0&left=1000";
    return get(announceUrl + query);
  }

  /** The bencoded reply of a scrape at {@code scrapeUrl}. */
  static String httpScrape(String scrapeUrl, InfoHash torrent) throws Exception {
    return get(scrapeUrl + "?info_hash=" + percentEncoded(torrent.bytes()));
  }

  private static String get(String url) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + " from " + url);
    }
    return new String(response.body(), StandardCharsets.ISO_8859_1);
  }

  /**
   * A BEP 15 connect and announce to {@code 127.0.0.1:port}.
   *
   * @return "ok" for an announce reply, else "error: " and the tracker's message
   */
  static String udpAnnounce(int port, InfoHash torrent, int peer) throws IOException {
    return udpAnnounce(port, port, torrent, peer);
  }

  /**
   * Connects at one UDP tracker and announces at another with the connection id the first gave,
   * from the same socket: what a client behind a balancer that spreads datagrams does.
   */
  static String udpAnnounce(int connectPort, int announcePort, InfoHash torrent, int peer)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5_000);
      int transaction = ThreadLocalRandom.current().nextInt();
      ByteBuffer connect =
          ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(transaction);
      ByteBuffer reply = exchange(socket, connectPort, connect.array());
      if (reply.getInt(0) != 0) {
        return error(reply);
      }
      long connectionId = reply.getLong(8);
      ByteBuffer announce =
          ByteBuffer.allocate(98)
              .putLong(connectionId)
              .putInt(1)
              .putInt(transaction)
              .put(torrent.bytes())
              .put(peerId(peer).getBytes(StandardCharsets.US_ASCII))
              .putLong(0)
              .putLong(1000)
              .putLong(0)
              .putInt(2)
              .putInt(0)
              .putInt(peer)
              .putInt(-1)
              .putShort((short) (10_000 + peer));
      reply = exchange(socket, announcePort, announce.array());
      return reply.getInt(0) == 1 ? "ok" : error(reply);
    }
  }

  private static ByteBuffer exchange(DatagramSocket socket, int port, byte[] request)
      throws IOException {
    socket.send(
        new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    socket.receive(packet);
    return ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
  }

  private static String error(ByteBuffer reply) {
    return "error: " + new String(reply.array(), 8, reply.limit() - 8, StandardCharsets.UTF_8);
  }

  /** 20 ASCII characters. */
  private static String peerId(int peer) {
    return String.format("-MT0001-%012d", peer);
  }

  static String percentEncoded(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%%%02X", b & 0xff));
    }
    return out.toString();
  }
}
