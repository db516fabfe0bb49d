package io.mcbt.tracker.swarm;

import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;

/** A peer as its swarm knows it; changed only under the swarm's lock. */
final class SwarmPeer {
  final PeerId id;
  PeerEndpoint endpoint;
  long left;
  long lastSeenNs;

  /** Announced by the index for a seeder that has not announced itself yet. */
  final boolean registered;

  /** Position in the swarm's list of seeders or leechers, for removal in constant time. */
  int slot;

  SwarmPeer(PeerId id, PeerEndpoint endpoint, long left, long lastSeenNs, boolean registered) {
    this.id = id;
    this.endpoint = endpoint;
    this.left = left;
    this.lastSeenNs = lastSeenNs;
    this.registered = registered;
  }

  boolean isSeeder() {
    return left == 0;
  }
}
