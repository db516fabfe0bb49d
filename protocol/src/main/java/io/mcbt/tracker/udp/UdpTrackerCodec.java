package io.mcbt.tracker.udp;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import io.mcbt.tracker.ScrapeCounts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decodes BEP 15 requests and encodes responses, over {@link ByteBuffer}s in network byte order.
 * Decoding never allocates more than the packet's own size.
 */
public final class UdpTrackerCodec {
  public static final long PROTOCOL_ID = 0x41727101980L;
  public static final int ACTION_CONNECT = 0;
  public static final int ACTION_ANNOUNCE = 1;
  public static final int ACTION_SCRAPE = 2;
  public static final int ACTION_ERROR = 3;

  public static final int CONNECT_LENGTH = 16;
  public static final int ANNOUNCE_LENGTH = 98;
  public static final int SCRAPE_HEADER_LENGTH = 16;

  /** BEP 15: a scrape names at most about 74 torrents, so the reply fits one packet. */
  public static final int MAX_SCRAPE_HASHES = 74;

  /** The largest packet we answer: 20 + 18 x 200 peers fits, and stays under common MTUs x 3. */
  public static final int MAX_RESPONSE_BYTES = 4096;

  private UdpTrackerCodec() {}

  /** Reads one request packet from {@code packet} (position to limit). */
  public static UdpRequest decode(ByteBuffer packet) throws MalformedPacketException {
    if (packet.remaining() < 16) {
      throw new MalformedPacketException(
          "packet of " + packet.remaining() + " bytes is too short", OptionalInt.empty());
    }
    int start = packet.position();
    long first = packet.getLong(start);
    int action = packet.getInt(start + 8);
    int transactionId = packet.getInt(start + 12);
    OptionalInt transaction = OptionalInt.of(transactionId);
    switch (action) {
      case ACTION_CONNECT -> {
        if (first != PROTOCOL_ID) {
          throw new MalformedPacketException(
              "not a BEP 15 connect: wrong protocol id", transaction);
        }
        return new UdpRequest.Connect(transactionId);
      }
      case ACTION_ANNOUNCE -> {
        return announce(packet, start, first, transactionId);
      }
      case ACTION_SCRAPE -> {
        return scrape(packet, start, first, transactionId);
      }
      default -> throw new MalformedPacketException("unknown action " + action, transaction);
    }
  }

  private static UdpRequest.Announce announce(
      ByteBuffer packet, int start, long connectionId, int transactionId)
      throws MalformedPacketException {
    OptionalInt transaction = OptionalInt.of(transactionId);
    if (packet.remaining() < ANNOUNCE_LENGTH) {
      throw new MalformedPacketException(
          "announce of " + packet.remaining() + " bytes, expected " + ANNOUNCE_LENGTH, transaction);
    }
    byte[] infoHash = new byte[InfoHash.LENGTH];
    byte[] peerId = new byte[PeerId.LENGTH];
    packet.get(start + 16, infoHash);
    packet.get(start + 36, peerId);
    long downloaded = packet.getLong(start + 56);
    long left = packet.getLong(start + 64);
    long uploaded = packet.getLong(start + 72);
    AnnounceEvent event = AnnounceEvent.ofUdpId(packet.getInt(start + 80));
    if (event == null) {
      throw new MalformedPacketException("unknown event " + packet.getInt(start + 80), transaction);
    }
    int key = packet.getInt(start + 88);
    int numWant = packet.getInt(start + 92);
    int port = Short.toUnsignedInt(packet.getShort(start + 96));
    if (port == 0) {
      throw new MalformedPacketException("port out of range: 0", transaction);
    }
    if (left < 0 || downloaded < 0 || uploaded < 0) {
      throw new MalformedPacketException("negative byte counts", transaction);
    }
    return new UdpRequest.Announce(
        connectionId,
        transactionId,
        new InfoHash(infoHash),
        new PeerId(peerId),
        downloaded,
        left,
        uploaded,
        event,
        key,
        numWant,
        port);
  }

  private static UdpRequest.Scrape scrape(
      ByteBuffer packet, int start, long connectionId, int transactionId)
      throws MalformedPacketException {
    OptionalInt transaction = OptionalInt.of(transactionId);
    int hashBytes = packet.remaining() - SCRAPE_HEADER_LENGTH;
    if (hashBytes == 0 || hashBytes % InfoHash.LENGTH != 0) {
      throw new MalformedPacketException(
          "scrape must carry whole 20-byte info-hashes", transaction);
    }
    int count = hashBytes / InfoHash.LENGTH;
    if (count > MAX_SCRAPE_HASHES) {
      throw new MalformedPacketException(
          "at most " + MAX_SCRAPE_HASHES + " info-hashes per scrape", transaction);
    }
    List<InfoHash> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] hash = new byte[InfoHash.LENGTH];
      packet.get(start + SCRAPE_HEADER_LENGTH + i * InfoHash.LENGTH, hash);
      hashes.add(new InfoHash(hash));
    }
    return new UdpRequest.Scrape(connectionId, transactionId, hashes);
  }

  /** {@code action=0 | transaction id | connection id}: 16 bytes. */
  public static void encodeConnect(int transactionId, long connectionId, ByteBuffer out) {
    out.putInt(ACTION_CONNECT).putInt(transactionId).putLong(connectionId);
  }

  /**
   * {@code action=1 | transaction id | interval | leechers | seeders | peers}. Peers of the
   * requester's address family only: 6 bytes each over IPv4, 18 over IPv6 (BEP 15). As many as fit
   * in {@code out}.
   */
  public static void encodeAnnounce(
      int transactionId, AnnounceReply reply, boolean ipv6, ByteBuffer out) {
    out.putInt(ACTION_ANNOUNCE)
        .putInt(transactionId)
        .putInt(reply.intervalSeconds())
        .putInt(reply.incomplete())
        .putInt(reply.complete());
    byte[] compact = new byte[18];
    for (AnnounceReply.Peer peer : reply.peers()) {
      PeerEndpoint endpoint = peer.endpoint();
      if (endpoint.isIpv4() == ipv6 || out.remaining() < endpoint.compactLength()) {
        continue;
      }
      endpoint.writeCompact(compact, 0);
      out.put(compact, 0, endpoint.compactLength());
    }
  }

  /** {@code action=2 | transaction id | (seeders, completed, leechers) per asked hash}. */
  public static void encodeScrape(int transactionId, List<ScrapeCounts> counts, ByteBuffer out) {
    out.putInt(ACTION_SCRAPE).putInt(transactionId);
    for (ScrapeCounts count : counts) {
      out.putInt(count.complete())
          .putInt((int) Math.min(count.downloaded(), Integer.MAX_VALUE))
          .putInt(count.incomplete());
    }
  }

  /** {@code action=3 | transaction id | message}. */
  public static void encodeError(int transactionId, String message, ByteBuffer out) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    out.putInt(ACTION_ERROR)
        .putInt(transactionId)
        .put(text, 0, Math.min(text.length, out.remaining()));
  }
}
