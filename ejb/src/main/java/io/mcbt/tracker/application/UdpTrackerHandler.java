package io.mcbt.tracker.application;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.ScrapeCounts;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.udp.ConnectionIds;
import io.mcbt.tracker.udp.MalformedPacketException;
import io.mcbt.tracker.udp.UdpRequest;
import io.mcbt.tracker.udp.UdpTrackerCodec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers one BEP 15 packet: checks the connection id, then hands announces and scrapes to the same
 * tracker core as HTTP. Pure apart from the tracker it calls; time is passed in.
 */
public final class UdpTrackerHandler {
  /** The announce side of the tracker. */
  @FunctionalInterface
  public interface Announcer {
    AnnounceReply announce(AnnounceRequest request) throws TrackerFailure;
  }

  /** The scrape side of the tracker. */
  @FunctionalInterface
  public interface Scraper {
    Map<InfoHash, ScrapeCounts> scrape(Set<InfoHash> infoHashes);
  }

  /** Whether a client may announce or scrape now (its rate, private mode). */
  @FunctionalInterface
  public interface Admission {
    void admit(InetAddress client) throws TrackerFailure;
  }

  private final Announcer announcer;
  private final Scraper scraper;
  private final ConnectionIds connectionIds;
  private final Admission admission;
  private final int numWantDefault;
  private final int numWantMax;

  public UdpTrackerHandler(
      Announcer announcer,
      Scraper scraper,
      ConnectionIds connectionIds,
      Admission admission,
      int numWantDefault,
      int numWantMax) {
    this.announcer = announcer;
    this.scraper = scraper;
    this.connectionIds = connectionIds;
    this.admission = admission;
    this.numWantDefault = numWantDefault;
    this.numWantMax = numWantMax;
  }

  /**
   * Writes the response to {@code packet} into {@code out}.
   *
   * @return false when nothing is to be sent (a packet too broken to answer)
   */
  public boolean handle(ByteBuffer packet, InetSocketAddress from, long nowNs, ByteBuffer out) {
    UdpRequest request;
    try {
      request = UdpTrackerCodec.decode(packet);
    } catch (MalformedPacketException e) {
      if (e.transactionId().isEmpty()) {
        return false;
      }
      UdpTrackerCodec.encodeError(e.transactionId().getAsInt(), e.getMessage(), out);
      return true;
    }
    if (request instanceof UdpRequest.Connect connect) {
      UdpTrackerCodec.encodeConnect(connect.transactionId(), connectionIds.issue(from, nowNs), out);
      return true;
    }
    long connectionId =
        request instanceof UdpRequest.Announce a
            ? a.connectionId()
            : ((UdpRequest.Scrape) request).connectionId();
    if (!connectionIds.isValid(connectionId, from, nowNs)) {
      UdpTrackerCodec.encodeError(
          request.transactionId(), "unknown or expired connection id: connect again", out);
      return true;
    }
    // After the connection id, which proves the source address: no refusing others by spoofing.
    try {
      admission.admit(from.getAddress());
    } catch (TrackerFailure refused) {
      UdpTrackerCodec.encodeError(request.transactionId(), refused.getMessage(), out);
      return true;
    }
    if (request instanceof UdpRequest.Announce announce) {
      answerAnnounce(announce, from, out);
    } else {
      answerScrape((UdpRequest.Scrape) request, out);
    }
    return true;
  }

  private void answerAnnounce(
      UdpRequest.Announce announce, InetSocketAddress from, ByteBuffer out) {
    int wanted = announce.numWant() < 0 ? numWantDefault : Math.min(announce.numWant(), numWantMax);
    AnnounceRequest request =
        new AnnounceRequest(
            announce.infoHash(),
            announce.peerId(),
            // The datagram's source, never the packet's IP field: no announcing others.
            PeerEndpoint.of(from.getAddress(), announce.port()),
            announce.uploaded(),
            announce.downloaded(),
            announce.left(),
            announce.event(),
            wanted,
            Optional.empty());
    try {
      AnnounceReply reply = announcer.announce(request);
      UdpTrackerCodec.encodeAnnounce(
          announce.transactionId(), reply, !(from.getAddress() instanceof Inet4Address), out);
    } catch (TrackerFailure failure) {
      UdpTrackerCodec.encodeError(announce.transactionId(), failure.getMessage(), out);
    }
  }

  private void answerScrape(UdpRequest.Scrape scrape, ByteBuffer out) {
    Set<InfoHash> asked = new LinkedHashSet<>(scrape.infoHashes());
    Map<InfoHash, ScrapeCounts> counts = scraper.scrape(asked);
    List<ScrapeCounts> inOrder = new ArrayList<>(scrape.infoHashes().size());
    for (InfoHash infoHash : scrape.infoHashes()) {
      inOrder.add(counts.getOrDefault(infoHash, new ScrapeCounts(0, 0, 0)));
    }
    UdpTrackerCodec.encodeScrape(scrape.transactionId(), inOrder, out);
  }
}
