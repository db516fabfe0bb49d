package io.mcbt.tracker.swarm;

import java.util.ArrayList;
import java.util.List;

/** Peers in an array list that removes in constant time by swapping in the last one. */
final class PeerList {
  private final List<SwarmPeer> peers = new ArrayList<>();

  void add(SwarmPeer peer) {
    peer.slot = peers.size();
    peers.add(peer);
  }

  void remove(SwarmPeer peer) {
    SwarmPeer last = peers.remove(peers.size() - 1);
    if (last != peer) {
      last.slot = peer.slot;
      peers.set(peer.slot, last);
    }
  }

  SwarmPeer get(int index) {
    return peers.get(index);
  }

  int size() {
    return peers.size();
  }

  List<SwarmPeer> snapshot() {
    return List.copyOf(peers);
  }
}
