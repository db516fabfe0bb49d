package io.mcbt.tracker.swarm;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Announce requests for numbered peers: peer {@code n} has its own id and endpoint. */
final class Announces {
  static final long SECOND = 1_000_000_000L;

  private Announces() {}

  static InfoHash torrent(int n) {
    byte[] bytes = new byte[InfoHash.LENGTH];
    Arrays.fill(bytes, (byte) 0xA5);
    ByteBuffer.wrap(bytes).putInt(16, n);
    return new InfoHash(bytes);
  }

  static PeerId id(int n) {
    byte[] bytes = Arrays.copyOf("-TS0001-".getBytes(StandardCharsets.US_ASCII), PeerId.LENGTH);
    ByteBuffer.wrap(bytes).putInt(16, n);
    return new PeerId(bytes);
  }

  static PeerEndpoint endpoint(int n) {
    return endpoint(n, 6881);
  }

  static PeerEndpoint endpoint(int n, int port) {
    return new PeerEndpoint(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, port);
  }

  static AnnounceRequest request(int peer, long left, AnnounceEvent event, int numWant) {
    return request(torrent(0), id(peer), endpoint(peer), left, event, numWant);
  }

  static AnnounceRequest request(
      InfoHash torrent, int peer, long left, AnnounceEvent event, int numWant) {
    return request(torrent, id(peer), endpoint(peer), left, event, numWant);
  }

  static AnnounceRequest request(
      InfoHash torrent,
      PeerId id,
      PeerEndpoint endpoint,
      long left,
      AnnounceEvent event,
      int numWant) {
    return new AnnounceRequest(torrent, id, endpoint, 0, 0, left, event, numWant, Optional.empty());
  }

  static List<PeerId> ids(List<AnnounceReply.Peer> peers) {
    return peers.stream().map(AnnounceReply.Peer::peerId).toList();
  }

  static List<PeerId> ids(int... peers) {
    return Arrays.stream(peers).mapToObj(Announces::id).toList();
  }
}
