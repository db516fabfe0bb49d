package io.mcbt.tracker;

import java.util.List;
import java.util.Optional;

/**
 * What the tracker answers to an announce.
 *
 * @param intervalSeconds when the client should announce again
 * @param minIntervalSeconds never sooner than this
 * @param complete seeders in the swarm
 * @param incomplete leechers in the swarm
 * @param peers other peers, chosen at random, never the asking peer
 * @param trackerId the {@code tracker id} the client should send back
 */
public record AnnounceReply(
    int intervalSeconds,
    int minIntervalSeconds,
    int complete,
    int incomplete,
    List<Peer> peers,
    Optional<String> trackerId) {

  public AnnounceReply {
    peers = List.copyOf(peers);
  }

  /**
   * A peer in a reply.
   *
   * @param peerId its id (only the dictionary model shows it)
   * @param endpoint where to connect to it
   */
  public record Peer(PeerId peerId, PeerEndpoint endpoint) {}
}
