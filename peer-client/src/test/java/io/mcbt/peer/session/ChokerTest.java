package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChokerTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final List<String> sent = new ArrayList<>();
  private final List<PeerState> peers = new ArrayList<>();
  private final CountingRandom random = new CountingRandom(1);
  private final Choker choker =
      new Choker(random, (peer, m) -> sent.add(name(peer) + " " + kind(m)), 0);

  /** Counts the draws, so a test can tell whether the optimistic slot was drawn again. */
  private static final class CountingRandom extends Random {
    private static final long serialVersionUID = 1L;
    int draws;

    CountingRandom(long seed) {
      super(seed);
    }

    @Override
    public int nextInt(int bound) {
      draws++;
      return super.nextInt(bound);
    }
  }

  private String name(PeerState peer) {
    return "p" + peers.indexOf(peer);
  }

  private static String kind(PeerMessage m) {
    return m instanceof PeerMessage.Unchoke ? "unchoke" : "choke";
  }

  private PeerState peer(long connectedAtNanos) {
    PeerState peer = new PeerState(null, connectedAtNanos); // the choker never touches it
    peers.add(peer);
    return peer;
  }

  /** {@code count} interested peers, connected long ago, peer i sending {@code rates[i]} B/s. */
  private void interestedPeers(int count, long... bytesPerSecond) {
    for (int i = 0; i < count; i++) {
      PeerState peer = peer(-1000 * SECOND);
      peer.peerInterested = true;
      if (i < bytesPerSecond.length) {
        peer.downloaded.add(bytesPerSecond[i] * 10);
        peer.uploaded.add(bytesPerSecond[bytesPerSecond.length - 1 - i] * 10);
      }
    }
  }

  private Set<String> unchoked() {
    return peers.stream().filter(p -> !p.amChoking).map(this::name).collect(Collectors.toSet());
  }

  @Test
  void interestedPeersTakeFreeSlotsAtOnce() {
    for (int i = 0; i < 7; i++) {
      choker.interested(peers, peer(0), i * SECOND);
    }
    assertEquals(
        List.of("p0 unchoke", "p1 unchoke", "p2 unchoke", "p3 unchoke", "p4 unchoke"), sent);
    assertEquals(Choker.REGULAR_SLOTS + 1, Choker.unchokedCount(peers));
  }

  @Test
  void whileLeechingTheFastestPeersToUsKeepTheRegularSlots() {
    interestedPeers(8, 10, 800, 30, 700, 20, 600, 500, 0);
    choker.rechoke(peers, 10 * SECOND, false);
    Set<String> unchoked = unchoked();
    assertTrue(unchoked.containsAll(Set.of("p1", "p3", "p5", "p6")), unchoked.toString());
    assertEquals(Choker.REGULAR_SLOTS + 1, unchoked.size(), "and one optimistic");
    assertFalse(Set.of("p1", "p3", "p5", "p6").contains(name(choker.optimistic())));
  }

  @Test
  void whileSeedingTheFastestPeersFromUsKeepTheRegularSlots() {
    // Upload rates are the download rates reversed: p7 0... p0 gets 0, p1 500, p2 600 ...
    interestedPeers(8, 10, 800, 30, 700, 20, 600, 500, 0);
    choker.rechoke(peers, 10 * SECOND, true);
    Set<String> unchoked = unchoked();
    assertTrue(unchoked.containsAll(Set.of("p1", "p2", "p4", "p6")), unchoked.toString());
  }

  @Test
  void aPeerThatSlowsDownLosesItsSlotAtTheNextRound() {
    interestedPeers(6, 100, 100, 100, 100, 0, 0);
    choker.rechoke(peers, 10 * SECOND, false);
    PeerState optimistic = choker.optimistic();
    for (int i = 1; i < 6; i++) {
      if (peers.get(i) != optimistic) {
        peers.get(i).downloaded.add(100_000);
      }
    }
    choker.rechoke(peers, 20 * SECOND, false);
    assertTrue(peers.get(0).amChoking, "p0 sent nothing for ten seconds");
    assertSame(optimistic, choker.optimistic(), "the optimistic slot stays for 30 s");
  }

  @Test
  void theOptimisticSlotRotatesEveryThirtySecondsOnly() {
    interestedPeers(9);
    choker.rechoke(peers, 10 * SECOND, false);
    PeerState first = choker.optimistic();
    assertNotNull(first);
    int draws = random.draws;
    choker.tick(peers, 15 * SECOND, false);
    choker.tick(peers, 20 * SECOND, false);
    choker.tick(peers, 30 * SECOND, false);
    assertEquals(draws, random.draws, "no new draw before 30 s");
    assertSame(first, choker.optimistic());
    assertFalse(first.amChoking);
    choker.tick(peers, 40 * SECOND, false);
    assertEquals(draws + 1, random.draws, "a new draw at 30 s");
    assertFalse(choker.optimistic().amChoking);
    assertEquals(Choker.REGULAR_SLOTS + 1, Choker.unchokedCount(peers));
  }

  @Test
  void anOptimisticPeerThatLosesInterestIsReplacedAtTheNextRound() {
    interestedPeers(9);
    choker.rechoke(peers, 10 * SECOND, false);
    PeerState first = choker.optimistic();
    choker.notInterested(peers, first, 12 * SECOND);
    assertTrue(first.amChoking);
    choker.rechoke(peers, 20 * SECOND, false);
    assertNotNull(choker.optimistic());
    assertFalse(choker.optimistic() == first);
  }

  @Test
  void newcomersAreThreeTimesAsLikelyToBeTheOptimisticUnchoke() {
    long now = 1000 * SECOND;
    interestedPeers(4, 1000, 1000, 1000, 1000); // the regular slots
    interestedPeers(3); // old peers waiting
    PeerState newcomer = peer(now - 5 * SECOND);
    newcomer.peerInterested = true;
    int trials = 4000;
    int newcomerPicks = 0;
    Random draws = new Random(7);
    for (int i = 0; i < trials; i++) {
      Choker fresh = new Choker(draws, (peer, m) -> {}, now - Choker.RECHOKE_NANOS);
      peers.forEach(p -> p.amChoking = true);
      fresh.rechoke(peers, now, false);
      newcomerPicks += fresh.optimistic() == newcomer ? 1 : 0;
    }
    double share = newcomerPicks / (double) trials;
    // Weights 3, 1, 1, 1: the newcomer should win half the draws.
    assertTrue(share > 0.45 && share < 0.55, "newcomer share " + share);
  }

  @Test
  void aPeerThatLosesInterestGivesItsSlotToAWaitingOne() {
    for (int i = 0; i < 6; i++) {
      choker.interested(peers, peer(0), 0);
    }
    sent.clear();
    choker.notInterested(peers, peers.get(1), SECOND);
    assertEquals(List.of("p1 choke", "p5 unchoke"), sent);
  }

  @Test
  void aPeerThatLeavesGivesItsSlotToAWaitingOne() {
    for (int i = 0; i < 6; i++) {
      choker.interested(peers, peer(0), 0);
    }
    sent.clear();
    PeerState gone = peers.get(0);
    peers.set(0, new PeerState(null)); // stands in for the departed peer, not interested
    choker.left(peers, gone, SECOND);
    assertEquals(List.of("p5 unchoke"), sent);
  }

  @Test
  void uninterestedPeersAreChokedAtTheNextRound() {
    interestedPeers(3, 100, 100, 100);
    choker.rechoke(peers, 10 * SECOND, false);
    assertEquals(3, Choker.unchokedCount(peers));
    peers.get(2).peerInterested = false;
    choker.rechoke(peers, 20 * SECOND, false);
    assertTrue(peers.get(2).amChoking);
    assertEquals(2, Choker.unchokedCount(peers));
  }
}
