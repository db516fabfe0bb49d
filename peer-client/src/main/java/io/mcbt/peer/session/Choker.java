package io.mcbt.peer.session;

import io.mcbt.wire.PeerMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Whom we upload to (BEP 3 choking, as the reference clients do it). Every {@link #RECHOKE_NANOS}
 * the {@link #REGULAR_SLOTS} interested peers with the best rate are unchoked: the rate they send
 * to us while we download (tit for tat), the rate we send to them once we seed (so that the fastest
 * leechers spread the data). One more slot, the optimistic unchoke, goes every {@link
 * #OPTIMISTIC_NANOS} to an interested peer picked at random, newcomers {@link #NEWCOMER_WEIGHT}
 * times as likely, so that peers without a record get the chance to earn one. Between rounds a
 * newly interested peer takes a free slot at once.
 *
 * <p>Called under the swarm's lock; time is a parameter.
 */
final class Choker {
  /** Unchoked for their rate. */
  static final int REGULAR_SLOTS = 4;

  static final long RECHOKE_NANOS = TimeUnit.SECONDS.toNanos(10);
  static final long OPTIMISTIC_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** A peer connected this recently counts as new for the optimistic unchoke. */
  static final long NEWCOMER_NANOS = TimeUnit.SECONDS.toNanos(60);

  static final int NEWCOMER_WEIGHT = 3;

  private final Random random;
  private final BiConsumer<PeerState, PeerMessage> send;
  private long lastRechokeNanos;
  private long lastOptimisticNanos;
  private PeerState optimistic;

  /**
   * @param send sends {@code choke} or {@code unchoke} to a peer
   */
  Choker(Random random, BiConsumer<PeerState, PeerMessage> send, long nowNanos) {
    this.random = random;
    this.send = send;
    this.lastRechokeNanos = nowNanos;
    this.lastOptimisticNanos = nowNanos - OPTIMISTIC_NANOS; // the first round picks one
  }

  /** {@code peer} said {@code interested}: serve it at once if a slot is free. */
  void interested(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    peer.peerInterested = true;
    if (peer.amChoking && unchokedCount(peers) < REGULAR_SLOTS + 1) {
      unchoke(peer, nowNanos);
    }
  }

  /** {@code peer} said {@code not interested}: its slot goes to a waiting peer. */
  void notInterested(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    peer.peerInterested = false;
    if (peer == optimistic) {
      optimistic = null;
    }
    if (!peer.amChoking) {
      choke(peer);
      fillSlots(peers, nowNanos);
    }
  }

  /** {@code peer} is gone, and no longer in {@code peers}: its slot goes to a waiting peer. */
  void left(Collection<PeerState> peers, PeerState peer, long nowNanos) {
    if (peer == optimistic) {
      optimistic = null;
    }
    if (!peer.amChoking) {
      fillSlots(peers, nowNanos);
    }
  }

  /** Runs a choking round when one is due. */
  void tick(Collection<PeerState> peers, long nowNanos, boolean seeding) {
    if (nowNanos - lastRechokeNanos >= RECHOKE_NANOS) {
      rechoke(peers, nowNanos, seeding);
    }
  }

  /**
   * One round: measures every peer's rates, keeps the best interested peers in the regular slots,
   * rotates the optimistic slot if it is time, and chokes everyone else.
   */
  void rechoke(Collection<PeerState> peers, long nowNanos, boolean seeding) {
    lastRechokeNanos = nowNanos;
    for (PeerState peer : peers) {
      peer.downloaded.sample(nowNanos);
      peer.uploaded.sample(nowNanos);
    }
    boolean rotate =
        optimistic == null
            || !optimistic.peerInterested
            || !peers.contains(optimistic)
            || nowNanos - lastOptimisticNanos >= OPTIMISTIC_NANOS;
    List<PeerState> ranked = new ArrayList<>();
    for (PeerState peer : peers) {
      if (peer.peerInterested && (rotate || peer != optimistic)) {
        ranked.add(peer);
      }
    }
    ranked.sort(byRate(seeding));
    Set<PeerState> keep = new HashSet<>(ranked.subList(0, Math.min(REGULAR_SLOTS, ranked.size())));
    if (rotate) {
      optimistic = pickOptimistic(ranked.subList(keep.size(), ranked.size()), nowNanos);
      lastOptimisticNanos = nowNanos;
    }
    if (optimistic != null) {
      keep.add(optimistic);
    }
    for (PeerState peer : peers) {
      if (!peer.amChoking && !keep.contains(peer)) {
        choke(peer);
      }
    }
    for (PeerState peer : peers) {
      if (peer.amChoking && keep.contains(peer)) {
        unchoke(peer, nowNanos);
      }
    }
  }

  /** The peer in the optimistic slot, or null. */
  PeerState optimistic() {
    return optimistic;
  }

  /** Best rate first; on a tie, peers already unchoked first, so that slots do not churn. */
  private static Comparator<PeerState> byRate(boolean seeding) {
    Comparator<PeerState> rate =
        Comparator.comparingDouble(
            peer -> seeding ? peer.uploaded.bytesPerSecond() : peer.downloaded.bytesPerSecond());
    return rate.reversed().thenComparing(peer -> peer.amChoking);
  }

  /** A random waiting peer, newcomers {@link #NEWCOMER_WEIGHT} times as likely; null if none. */
  private PeerState pickOptimistic(List<PeerState> waiting, long nowNanos) {
    int total = 0;
    for (PeerState peer : waiting) {
      total += weight(peer, nowNanos);
    }
    if (total == 0) {
      return null;
    }
    int ticket = random.nextInt(total);
    for (PeerState peer : waiting) {
      ticket -= weight(peer, nowNanos);
      if (ticket < 0) {
        return peer;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static int weight(PeerState peer, long nowNanos) {
    return nowNanos - peer.connectedAtNanos < NEWCOMER_NANOS ? NEWCOMER_WEIGHT : 1;
  }

  private void fillSlots(Collection<PeerState> peers, long nowNanos) {
    for (PeerState peer : peers) {
      if (unchokedCount(peers) >= REGULAR_SLOTS + 1) {
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
