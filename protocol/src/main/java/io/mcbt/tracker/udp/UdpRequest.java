package io.mcbt.tracker.udp;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerId;
import java.util.List;

/** A request packet of BEP 15. */
public sealed interface UdpRequest {
  int transactionId();

  /**
   * {@code connect}: asks for a connection id.
   *
   * <pre>
   *  0       8        12              16
   *  | magic | action | transaction id |   magic = 0x41727101980, action = 0
   * </pre>
   */
  record Connect(int transactionId) implements UdpRequest {}

  /**
   * {@code announce}, 98 bytes (longer packets carry BEP 41 options, ignored here).
   *
   * <pre>
   *  0              8        12        16         36       56           64     72         80
   *  | connection id| action | trans. id| info_hash| peer_id| downloaded | left | uploaded |
   *  80      84   88    92        96     98
   *  | event | IP | key | num_want | port |
   * </pre>
   */
  record Announce(
      long connectionId,
      int transactionId,
      InfoHash infoHash,
      PeerId peerId,
      long downloaded,
      long left,
      long uploaded,
      AnnounceEvent event,
      int key,
      int numWant,
      int port)
      implements UdpRequest {}

  /**
   * {@code scrape}: up to 74 info-hashes after a 16-byte header.
   *
   * <pre>
   *  0              8        12              16                 16 + 20 n
   *  | connection id| action | transaction id | info_hash x n ... |
   * </pre>
   */
  record Scrape(long connectionId, int transactionId, List<InfoHash> infoHashes)
      implements UdpRequest {
    public Scrape {
      infoHashes = List.copyOf(infoHashes);
    }
  }
}
