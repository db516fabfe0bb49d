package io.mcbt.peer.tracker;

import io.mcbt.tracker.PeerEndpoint;
import java.time.Duration;
import java.util.List;

/**
 * A tracker's answer to an announce.
 *
 * @param interval how long to wait before the next regular announce
 * @param peers other peers of the swarm, IPv4 and IPv6
 */
public record AnnounceResult(Duration interval, List<PeerEndpoint> peers) {
  public AnnounceResult {
    peers = List.copyOf(peers);
  }
}
