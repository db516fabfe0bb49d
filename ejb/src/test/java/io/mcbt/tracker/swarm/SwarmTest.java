package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.AnnounceEvent.COMPLETED;
import static io.mcbt.tracker.AnnounceEvent.NONE;
import static io.mcbt.tracker.AnnounceEvent.STARTED;
import static io.mcbt.tracker.AnnounceEvent.STOPPED;
import static io.mcbt.tracker.swarm.Announces.SECOND;
import static io.mcbt.tracker.swarm.Announces.endpoint;
import static io.mcbt.tracker.swarm.Announces.id;
import static io.mcbt.tracker.swarm.Announces.ids;
import static io.mcbt.tracker.swarm.Announces.request;
import static io.mcbt.tracker.swarm.Announces.torrent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.ScrapeCounts;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwarmTest {
  private final Swarm swarm = new Swarm(0);
  private final Random random = new Random(42);

  private Swarm.Outcome announce(int peer, long left, AnnounceEvent event, int numWant) {
    return announce(peer, left, event, numWant, 0);
  }

  private Swarm.Outcome announce(
      int peer, long left, AnnounceEvent event, int numWant, long nowNs) {
    return swarm.announce(request(peer, left, event, numWant), nowNs, random);
  }

  @Test
  void countsSeedersAndLeechersByWhatIsLeft() {
    announce(1, 0, STARTED, 0);
    announce(2, 0, STARTED, 0);
    announce(3, 1, STARTED, 0);
    announce(4, 500, STARTED, 0);
    Swarm.Outcome last = announce(5, 1 << 20, NONE, 0);

    assertEquals(2, last.seeders());
    assertEquals(3, last.leechers());
    assertEquals(new ScrapeCounts(2, 0, 3), swarm.counts());
    assertEquals(5, swarm.size());
  }

  @Test
  void reAnnouncingDoesNotAddThePeerAgain() {
    announce(1, 100, STARTED, 0);
    announce(1, 100, NONE, 0);
    announce(1, 50, NONE, 0);

    assertEquals(new ScrapeCounts(0, 0, 1), swarm.counts());
    assertEquals(1, swarm.size());
  }

  @Test
  void startsFromTheDownloadsSoFar() {
    assertEquals(new ScrapeCounts(0, 17, 0), new Swarm(17).counts());
  }

  @Test
  void aLeecherThatCompletesBecomesASeederAndCountsOneDownload() {
    announce(1, 100, STARTED, 0);
    announce(2, 100, STARTED, 0);

    Swarm.Outcome outcome = announce(1, 0, COMPLETED, 0);

    assertEquals(1, outcome.seeders());
    assertEquals(1, outcome.leechers());
    assertEquals(new ScrapeCounts(1, 1, 1), swarm.counts());
    assertEquals(1, swarm.takeUnflushedDownloads());
  }

  @Test
  void aRepeatedCompletedCountsNoFurtherDownload() {
    announce(1, 100, STARTED, 0);
    announce(1, 0, COMPLETED, 0);
    announce(1, 0, COMPLETED, 0);
    announce(1, 0, NONE, 0);
    announce(1, 0, COMPLETED, 0);

    assertEquals(new ScrapeCounts(1, 1, 0), swarm.counts());
    assertEquals(1, swarm.takeUnflushedDownloads());
  }

  @Test
  void aPeerThatStartsAsASeederWithCompletedCountsNoDownload() {
    announce(1, 0, COMPLETED, 0);

    assertEquals(new ScrapeCounts(1, 0, 0), swarm.counts());
    assertEquals(0, swarm.takeUnflushedDownloads());
  }

  @Test
  void completedWithBytesStillLeftCountsNoDownload() {
    announce(1, 100, STARTED, 0);
    announce(1, 10, COMPLETED, 0);

    assertEquals(new ScrapeCounts(0, 0, 1), swarm.counts());
  }

  @Test
  void eachCompletingLeecherCountsOnce() {
    for (int peer = 0; peer < 5; peer++) {
      announce(peer, 100, STARTED, 0);
    }
    for (int peer = 0; peer < 5; peer++) {
      announce(peer, 0, COMPLETED, 0);
      announce(peer, 0, COMPLETED, 0);
    }

    assertEquals(new ScrapeCounts(5, 5, 0), swarm.counts());
  }

  @Test
  void aSeederThatLosesDataBecomesALeecher() {
    announce(1, 0, STARTED, 0);
    announce(2, 100, STARTED, 0);

    announce(1, 30, NONE, 0);

    assertEquals(new ScrapeCounts(0, 0, 2), swarm.counts());
    assertEquals(Set.of(id(1)), Set.copyOf(ids(announce(2, 100, NONE, 50).peers())));
  }

  @Test
  void stoppedRemovesThePeerAndReturnsNoPeers() {
    announce(1, 0, STARTED, 0);
    announce(2, 100, STARTED, 0);
    announce(3, 100, STARTED, 0);

    Swarm.Outcome outcome = announce(2, 100, STOPPED, 50);

    assertEquals(List.of(), outcome.peers());
    assertEquals(1, outcome.seeders());
    assertEquals(1, outcome.leechers());
    assertEquals(2, swarm.size());
    assertEquals(List.of(id(1)), ids(announce(3, 100, NONE, 50).peers()));
  }

  @Test
  void stoppedFromAnUnknownPeerChangesNothing() {
    announce(1, 0, STARTED, 0);

    Swarm.Outcome outcome = announce(2, 100, STOPPED, 50);

    assertEquals(List.of(), outcome.peers());
    assertEquals(new ScrapeCounts(1, 0, 0), swarm.counts());
  }

  @Test
  void theOnlyPeerGetsNoPeers() {
    assertEquals(List.of(), announce(1, 100, STARTED, 50).peers());
    assertEquals(List.of(), announce(1, 0, COMPLETED, 50).peers());
  }

  @Test
  void numWantZeroGivesNoPeers() {
    for (int peer = 0; peer < 10; peer++) {
      announce(peer, peer % 2, STARTED, 0);
    }

    assertEquals(List.of(), announce(3, 1, NONE, 0).peers());
    assertEquals(List.of(), announce(4, 0, NONE, 0).peers());
  }

  @Test
  void givesExactlyNumWantDistinctOtherPeersWhenThereAreMore() {
    for (int peer = 0; peer < 30; peer++) {
      announce(peer, peer % 3 == 0 ? 0 : 100, STARTED, 0);
    }

    List<AnnounceReply.Peer> peers = announce(7, 100, NONE, 10).peers();

    assertEquals(10, peers.size());
    assertEquals(10, new HashSet<>(peers).size());
    assertFalse(ids(peers).contains(id(7)));
  }

  @Test
  void aLeecherAskingForMoreThanThereAreGetsEveryOtherPeer() {
    announce(1, 0, STARTED, 0);
    announce(2, 0, STARTED, 0);
    announce(3, 100, STARTED, 0);
    announce(4, 100, STARTED, 0);

    List<AnnounceReply.Peer> peers = announce(3, 100, NONE, 50).peers();

    assertEquals(Set.copyOf(ids(1, 2, 4)), Set.copyOf(ids(peers)));
    assertEquals(3, peers.size());
  }

  @Test
  void aSeederGetsOnlyLeechers() {
    for (int peer = 0; peer < 20; peer++) {
      announce(peer, peer < 10 ? 0 : 100, STARTED, 0);
    }

    List<AnnounceReply.Peer> all = announce(0, 0, NONE, 50).peers();
    List<AnnounceReply.Peer> some = announce(1, 0, NONE, 4).peers();

    assertEquals(Set.copyOf(ids(10, 11, 12, 13, 14, 15, 16, 17, 18, 19)), Set.copyOf(ids(all)));
    assertEquals(10, all.size());
    assertEquals(4, some.size());
    assertTrue(Set.copyOf(ids(all)).containsAll(ids(some)));
  }

  @Test
  void aSeederAmongOnlySeedersGetsNoPeers() {
    announce(1, 0, STARTED, 0);
    announce(2, 0, STARTED, 0);

    assertEquals(List.of(), announce(3, 0, STARTED, 50).peers());
  }

  @Test
  void repliesWithTheEndpointOfTheLatestAnnounce() {
    announce(1, 0, STARTED, 0);
    swarm.announce(request(torrent(0), id(1), endpoint(99, 7000), 0, NONE, 0), 0, random);

    List<AnnounceReply.Peer> peers = announce(2, 100, STARTED, 50).peers();

    assertEquals(List.of(new AnnounceReply.Peer(id(1), endpoint(99, 7000))), peers);
  }

  @Test
  void expiresPeersOlderThanTheMaximumAgeAndKeepsTheOthers() {
    announce(1, 0, STARTED, 0, 0);
    announce(2, 100, STARTED, 0, 40 * SECOND);
    announce(3, 100, STARTED, 0, 50 * SECOND);
    announce(4, 0, STARTED, 0, 100 * SECOND);

    int dropped = swarm.expire(150 * SECOND, 100 * SECOND, 1000 * SECOND);

    assertEquals(2, dropped);
    assertEquals(new ScrapeCounts(1, 0, 1), swarm.counts());
    assertEquals(
        Set.copyOf(ids(3, 4)),
        Set.copyOf(
            ids(swarm.announce(request(9, 100, STARTED, 50), 150 * SECOND, random).peers())));
  }

  @Test
  void aReAnnounceKeepsAPeerFromExpiring() {
    announce(1, 100, STARTED, 0, 0);
    announce(1, 100, NONE, 0, 90 * SECOND);

    assertEquals(0, swarm.expire(150 * SECOND, 100 * SECOND, 100 * SECOND));
    assertEquals(1, swarm.expire(191 * SECOND, 100 * SECOND, 100 * SECOND));
    assertEquals(0, swarm.size());
  }

  @Test
  void retiresOnlyWhenEmptyWithNothingUnflushed() {
    announce(1, 100, STARTED, 0);
    assertFalse(swarm.retireIfEmpty());

    announce(1, 0, COMPLETED, 0);
    announce(1, 0, STOPPED, 0);
    assertEquals(0, swarm.size());
    assertFalse(swarm.retireIfEmpty());

    assertEquals(1, swarm.takeUnflushedDownloads());
    assertTrue(swarm.retireIfEmpty());
    assertTrue(swarm.retireIfEmpty());
  }

  @Test
  void aRetiredSwarmRefusesAnnouncesRegistrationsAndRestores() {
    assertTrue(swarm.retireIfEmpty());

    assertNull(announce(1, 100, STARTED, 50));
    assertFalse(swarm.register(endpoint(5), 0));
    assertFalse(swarm.restoreUnflushedDownloads(3));
    assertEquals(0, swarm.size());
    assertEquals(0, swarm.takeUnflushedDownloads());
  }

  @Test
  void takesAndRestoresUnflushedDownloads() {
    for (int peer = 0; peer < 3; peer++) {
      announce(peer, 100, STARTED, 0);
      announce(peer, 0, COMPLETED, 0);
    }

    assertEquals(3, swarm.takeUnflushedDownloads());
    assertEquals(0, swarm.takeUnflushedDownloads());
    assertTrue(swarm.restoreUnflushedDownloads(3));
    announce(9, 100, STARTED, 0);
    announce(9, 0, COMPLETED, 0);
    assertEquals(4, swarm.takeUnflushedDownloads());
    assertEquals(4, swarm.counts().downloaded());
  }

  @Test
  void anAnnounceAfterExpiryAddsThePeerAgain() {
    announce(1, 100, STARTED, 0, 0);
    swarm.expire(1000 * SECOND, SECOND, SECOND);

    Swarm.Outcome outcome = announce(1, 100, NONE, 0, 1000 * SECOND);

    assertNotNull(outcome);
    assertEquals(1, outcome.leechers());
  }
}
