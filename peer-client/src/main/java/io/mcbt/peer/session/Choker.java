package io.mcbt.peer.session;

import io.mcbt.wire.PeerMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Whom we upload to (BEP 3 choking, simplified): the first {@link #UPLOAD_SLOTS} interested peers,
 * and every {@link #OPTIMISTIC_ROTATION_NANOS} the longest-served one makes room for a waiting peer
 * picked at random, so that newcomers get a chance. Called under the swarm's lock; time is a
 * parameter.
 */
final class Choker {
  /** Peers we upload to at once. */
  static final int UPLOAD_SLOTS = 4;

  static final long OPTIMISTIC_ROTATION_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Random random;
  private final BiConsumer<PeerState, PeerMessage> send;
  private long lastRotationNanos;

  /**
   * @param send sends {@code choke} or {@code unchoke} to a peer
   */
  Choker(Random random, BiConsumer<PeerState, PeerMessage> send, long nowNanos) {
    this.random = random;
    this.send = send;
    this.lastRotationNanos = nowNanos;
  }

  /** {@code peer} said {@code interested}: serve it if a slot is free. */
  void interested(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    peer.peerInterested = true;
    if (peer.amChoking && unchokedCount(peers) < UPLOAD_SLOTS) {
      unchoke(peer, nowNanos);
    }
  }

  /** {@code peer} said {@code not interested}: its slot goes to a waiting peer. */
  void notInterested(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    peer.peerInterested = false;
    if (!peer.amChoking) {
      choke(peer);
      fillSlots(peers, nowNanos);
    }
  }

  /** {@code peer} is gone, and no longer in {@code peers}: its slot goes to a waiting peer. */
  void left(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    if (!peer.amChoking) {
      fillSlots(peers, nowNanos);
    }
  }

  /** Rotates the optimistic slot when it is time. */
  void rotate(Collection<PeerState> peers, long nowNanos) {
    if (nowNanos - lastRotationNanos < OPTIMISTIC_ROTATION_NANOS) {
      return;
    }
    lastRotationNanos = nowNanos;
    List<PeerState> waiting = new ArrayList<>();
    PeerState longest = null;
    for (PeerState peer : peers) {
      if (peer.peerInterested && peer.amChoking) {
        waiting.add(peer);
      } else if (!peer.amChoking
          && (longest == null || peer.unchokedAtNanos - longest.unchokedAtNanos < 0)) {
        longest = peer;
      }
    }
    if (waiting.isEmpty()) {
      return;
    }
    if (unchokedCount(peers) >= UPLOAD_SLOTS && longest != null) {
      choke(longest);
    }
    unchoke(waiting.get(random.nextInt(waiting.size())), nowNanos);
  }

  private void fillSlots(Collection<PeerState> peers, long nowNanos) {
    for (PeerState peer : peers) {
      if (unchokedCount(peers) >= UPLOAD_SLOTS) {
        return;
      }
      if (peer.peerInterested && peer.amChoking) {
        unchoke(peer, nowNanos);
      }
    }
  }

  static int unchokedCount(Collection<PeerState> peers) {
    int count = 0;
    for (PeerState peer : peers) {
      count += peer.amChoking ? 0 : 1;
    }
    return count;
  }

  private void unchoke(PeerState peer, long nowNanos) {
    peer.amChoking = false;
    peer.unchokedAtNanos = nowNanos;
    send.accept(peer, PeerMessage.UNCHOKE);
  }

  private void choke(PeerState peer) {
    peer.amChoking = true;
    send.accept(peer, PeerMessage.CHOKE);
  }
}
