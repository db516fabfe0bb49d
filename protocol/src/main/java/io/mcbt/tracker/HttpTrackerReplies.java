package io.mcbt.tracker;

import io.mcbt.metainfo.InfoHash;
import java.util.Comparator;
import java.util.Map;

/** Bencoded bodies of HTTP tracker replies (BEP 3, BEP 7, BEP 23, BEP 48). */
public final class HttpTrackerReplies {
  private HttpTrackerReplies() {}

  /** {@code d14:failure reason...e}: the only form of error a BitTorrent client reads. */
  public static byte[] failure(String reason) {
    return new BencodeWriter(64 + reason.length())
        .beginDictionary()
        .key("failure reason")
        .string(reason)
        .end()
        .toByteArray();
  }

  public static byte[] announce(AnnounceReply reply, boolean compact, boolean noPeerId) {
    BencodeWriter out = new BencodeWriter(128 + reply.peers().size() * (compact ? 6 : 64));
    out.beginDictionary()
        .key("complete")
        .integer(reply.complete())
        .key("incomplete")
        .integer(reply.incomplete())
        .key("interval")
        .integer(reply.intervalSeconds())
        .key("min interval")
        .integer(reply.minIntervalSeconds());
    if (compact) {
      writeCompactPeers(out, reply);
    } else {
      writePeerDictionaries(out, reply, noPeerId);
    }
    reply.trackerId().ifPresent(id -> out.key("tracker id").string(id));
    return out.end().toByteArray();
  }

  private static void writeCompactPeers(BencodeWriter out, AnnounceReply reply) {
    int v4 = 0;
    int v6 = 0;
    for (AnnounceReply.Peer peer : reply.peers()) {
      if (peer.endpoint().isIpv4()) {
        v4++;
      } else {
        v6++;
      }
    }
    byte[] peers = new byte[v4 * 6];
    byte[] peers6 = new byte[v6 * 18];
    int at4 = 0;
    int at6 = 0;
    for (AnnounceReply.Peer peer : reply.peers()) {
      PeerEndpoint endpoint = peer.endpoint();
      if (endpoint.isIpv4()) {
        endpoint.writeCompact(peers, at4);
        at4 += 6;
      } else {
        endpoint.writeCompact(peers6, at6);
        at6 += 18;
      }
    }
    out.key("peers").bytes(peers);
    if (v6 > 0) {
      out.key("peers6").bytes(peers6);
    }
  }

  private static void writePeerDictionaries(
      BencodeWriter out, AnnounceReply reply, boolean noPeerId) {
    out.key("peers").beginList();
    for (AnnounceReply.Peer peer : reply.peers()) {
      out.beginDictionary().key("ip").string(peer.endpoint().host());
      if (!noPeerId) {
        out.key("peer id").bytes(peer.peerId().bytes());
      }
      out.key("port").integer(peer.endpoint().port()).end();
    }
    out.end();
  }

  /** {@code d5:filesd<hash>d8:complete..10:downloaded..10:incomplete..eee}, hashes in order. */
  public static byte[] scrape(Map<InfoHash, ScrapeCounts> swarms) {
    BencodeWriter out = new BencodeWriter(32 + swarms.size() * 80);
    out.beginDictionary().key("files").beginDictionary();
    swarms.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(InfoHash::hex)))
        .forEach(
            entry ->
                out.bytes(entry.getKey().bytes())
                    .beginDictionary()
                    .key("complete")
                    .integer(entry.getValue().complete())
                    .key("downloaded")
                    .integer(entry.getValue().downloaded())
                    .key("incomplete")
                    .integer(entry.getValue().incomplete())
                    .end());
    return out.end().end().toByteArray();
  }
}
