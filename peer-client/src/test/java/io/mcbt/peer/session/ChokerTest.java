package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.wire.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChokerTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final List<String> sent = new ArrayList<>();
  private final List<PeerState> peers = new ArrayList<>();
  private final Choker choker =
      new Choker(new Random(1), (peer, m) -> sent.add(name(peer) + " " + kind(m)), 0);

  private String name(PeerState peer) {
    return "p" + peers.indexOf(peer);
  }

  private static String kind(PeerMessage m) {
    return m instanceof PeerMessage.Unchoke ? "unchoke" : "choke";
  }

  private PeerState peer() {
    PeerState peer = new PeerState(null); // the choker never touches the connection
    peers.add(peer);
    return peer;
  }

  @Test
  void theFirstFourInterestedPeersAreUnchoked() {
    for (int i = 0; i < 6; i++) {
      choker.interested(peers, peer(), i * SECOND);
    }
    assertEquals(List.of("p0 unchoke", "p1 unchoke", "p2 unchoke", "p3 unchoke"), sent);
    assertEquals(Choker.UPLOAD_SLOTS, Choker.unchokedCount(peers));
  }

  @Test
  void aPeerThatLosesInterestGivesItsSlotToAWaitingOne() {
    for (int i = 0; i < 5; i++) {
      choker.interested(peers, peer(), 0);
    }
    sent.clear();
    choker.notInterested(peers, peers.get(1), SECOND);
    assertEquals(List.of("p1 choke", "p4 unchoke"), sent);
  }

  @Test
  void aPeerThatLeavesGivesItsSlotToAWaitingOne() {
    for (int i = 0; i < 5; i++) {
      choker.interested(peers, peer(), 0);
    }
    sent.clear();
    PeerState gone = peers.get(0);
    peers.set(0, new PeerState(null)); // stands in for the departed peer, not interested
    choker.left(peers, gone, SECOND);
    assertEquals(List.of("p4 unchoke"), sent);
  }

  @Test
  void everyThirtySecondsTheLongestServedPeerMakesRoomForAWaitingOne() {
    for (int i = 0; i < 5; i++) {
      choker.interested(peers, peer(), i * SECOND);
    }
    sent.clear();
    choker.rotate(peers, 29 * SECOND);
    assertTrue(sent.isEmpty(), sent.toString());
    choker.rotate(peers, 30 * SECOND);
    assertEquals(List.of("p0 choke", "p4 unchoke"), sent);
    assertTrue(peers.get(0).amChoking);
    assertFalse(peers.get(4).amChoking);
  }

  @Test
  void noRotationWithoutWaitingPeers() {
    for (int i = 0; i < 3; i++) {
      choker.interested(peers, peer(), 0);
    }
    sent.clear();
    choker.rotate(peers, 60 * SECOND);
    assertTrue(sent.isEmpty(), sent.toString());
  }
}
