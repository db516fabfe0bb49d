package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.AnnounceEvent.COMPLETED;
import static io.mcbt.tracker.AnnounceEvent.STARTED;
import static io.mcbt.tracker.AnnounceEvent.STOPPED;
import static io.mcbt.tracker.swarm.Announces.SECOND;
import static io.mcbt.tracker.swarm.Announces.endpoint;
import static io.mcbt.tracker.swarm.Announces.request;
import static io.mcbt.tracker.swarm.Announces.torrent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.ScrapeCounts;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SwarmsTest {
  private static final InfoHash A = torrent(1);
  private static final InfoHash B = torrent(2);
  private static final InfoHash C = torrent(3);
  private static final long HOUR = 3600 * SECOND;

  private final Map<InfoHash, Long> store = new ConcurrentHashMap<>();
  private final Swarms swarms = new Swarms(hash -> store.getOrDefault(hash, 0L));
  private final Random random = new Random(9);

  private Swarm.Outcome announce(
      InfoHash torrent, int peer, long left, AnnounceEvent event, long nowNs) {
    return swarms.announce(request(torrent, peer, left, event, 50), nowNs, random);
  }

  private void complete(InfoHash torrent, int peer, long nowNs) {
    announce(torrent, peer, 100, STARTED, nowNs);
    announce(torrent, peer, 0, COMPLETED, nowNs);
  }

  private void flush() {
    swarms.takeUnflushedDownloads().forEach((hash, count) -> store.merge(hash, count, Long::sum));
  }

  @Test
  void keepsOneSwarmPerTorrent() {
    announce(A, 1, 0, STARTED, 0);
    announce(A, 2, 100, STARTED, 0);
    announce(B, 1, 100, STARTED, 0);

    assertEquals(new ScrapeCounts(1, 0, 1), swarms.counts(A));
    assertEquals(new ScrapeCounts(0, 0, 1), swarms.counts(B));
    assertEquals(new Swarms.Totals(2, 1, 2), swarms.totals());
    assertEquals(List.of(), announce(B, 1, 100, STARTED, 0).peers());
  }

  @Test
  void aNewSwarmStartsFromTheStoredDownloads() {
    store.put(A, 7L);

    complete(A, 1, 0);

    assertEquals(new ScrapeCounts(1, 8, 0), swarms.counts(A));
  }

  @Test
  void countsForATorrentWithoutASwarmComeFromTheStore() {
    store.put(A, 7L);

    assertEquals(new ScrapeCounts(0, 7, 0), swarms.counts(A));
    assertEquals(new ScrapeCounts(0, 0, 0), swarms.counts(B));
    assertEquals(new Swarms.Totals(0, 0, 0), swarms.totals());
  }

  @Test
  void expiryDropsEmptiedSwarmsAndALaterAnnounceStartsAFreshOne() {
    store.put(A, 7L);
    complete(A, 1, 0);
    announce(A, 2, 100, STARTED, 0);
    announce(B, 1, 100, STARTED, HOUR);
    flush();

    assertEquals(2, swarms.expire(HOUR, HOUR / 2, HOUR / 2));

    assertEquals(new Swarms.Totals(1, 0, 1), swarms.totals());
    assertEquals(new ScrapeCounts(0, 8, 0), swarms.counts(A));
    Swarm.Outcome fresh = announce(A, 3, 100, STARTED, HOUR);
    assertEquals(List.of(), fresh.peers());
    assertEquals(new ScrapeCounts(0, 8, 1), swarms.counts(A));
    assertEquals(new Swarms.Totals(2, 0, 2), swarms.totals());
  }

  @Test
  void keepsAnEmptySwarmUntilItsDownloadsAreFlushed() {
    complete(A, 1, 0);
    announce(A, 1, 0, STOPPED, 0);

    swarms.expire(HOUR, HOUR, HOUR);
    assertEquals(1, swarms.totals().torrents());

    flush();
    swarms.expire(HOUR, HOUR, HOUR);
    assertEquals(0, swarms.totals().torrents());
    assertEquals(new ScrapeCounts(0, 1, 0), swarms.counts(A));
  }

  @Test
  void takesUnflushedDownloadsOfEveryTorrentOnce() {
    complete(A, 1, 0);
    complete(B, 1, 0);
    complete(B, 2, 0);
    announce(C, 1, 100, STARTED, 0);

    assertEquals(Map.of(A, 1L, B, 2L), swarms.takeUnflushedDownloads());
    assertEquals(Map.of(), swarms.takeUnflushedDownloads());
    assertEquals(new ScrapeCounts(2, 2, 0), swarms.counts(B));
  }

  @Test
  void restoredDownloadsAreTakenAgain() {
    complete(A, 1, 0);
    Map<InfoHash, Long> taken = swarms.takeUnflushedDownloads();

    taken.forEach(swarms::restoreUnflushedDownloads);
    complete(A, 2, 0);

    assertEquals(Map.of(A, 2L), swarms.takeUnflushedDownloads());
  }

  @Test
  void restoringDownloadsOfARetiredSwarmKeepsThemInAFreshOne() {
    swarms.restoreUnflushedDownloads(A, 3);

    swarms.expire(HOUR, SECOND, SECOND);

    assertEquals(1, swarms.totals().torrents());
    assertEquals(Map.of(A, 3L), swarms.takeUnflushedDownloads());
  }

  @Test
  void registersAStandInThroughTheRegistry() {
    swarms.register(A, endpoint(400), 0);

    List<AnnounceReply.Peer> peers = announce(A, 1, 100, STARTED, 0).peers();

    assertEquals(
        List.of(new AnnounceReply.Peer(Swarm.standInId(endpoint(400)), endpoint(400))), peers);
    assertEquals(new ScrapeCounts(1, 0, 1), swarms.counts(A));
  }

  @Test
  void registeringIntoAnExpiredSwarmCreatesAFreshOne() {
    announce(A, 1, 100, STARTED, 0);
    swarms.expire(HOUR, SECOND, SECOND);
    assertEquals(0, swarms.totals().torrents());

    swarms.register(A, endpoint(400), HOUR);

    assertEquals(new ScrapeCounts(1, 0, 0), swarms.counts(A));
  }

  @Test
  void aSwarmBegunWithoutItsStoredCountGetsItLaterAndKeepsItsOwnUntilThen() {
    store.put(A, 7L);
    Swarms offline = new Swarms(hash -> 0);
    offline.announce(request(A, 1, 100, STARTED, 50), 0, random);
    offline.announce(request(A, 1, 0, COMPLETED, 50), 0, random);

    assertEquals(Map.of(), offline.takeUnflushedDownloads(A::equals), "kept back");
    offline.addStoredDownloads(A, store.get(A));
    offline.addStoredDownloads(B, 5);

    assertEquals(new ScrapeCounts(1, 8, 0), offline.counts(A));
    assertEquals(Map.of(A, 1L), offline.takeUnflushedDownloads());
    assertEquals(1, offline.totals().torrents(), "no swarm made for B");
  }

  @Test
  void knowsWhichAddressesAnnouncedATorrentAndWhen() {
    announce(A, 1, 100, STARTED, 10 * SECOND);
    swarms.register(B, endpoint(2), 10 * SECOND);
    byte[] first = endpoint(1).address();

    assertTrue(swarms.announcedFrom(A, first, 10 * SECOND));
    assertFalse(swarms.announcedFrom(A, first, 11 * SECOND), "not since then");
    assertFalse(swarms.announcedFrom(A, endpoint(3).address(), 0), "another address");
    assertFalse(swarms.announcedFrom(B, endpoint(2).address(), 0), "registered, not announced");
    assertFalse(swarms.announcedFrom(C, first, 0), "no swarm");
  }

  @Test
  void replayedAnnouncesAreInRepliesAndScrapesButOnlyTheAnsweringInstanceStoresCompletions() {
    complete(A, 1, SECOND);
    swarms.replay(request(A, 2, 100, STARTED, 0), SECOND);
    swarms.replay(request(A, 2, 0, COMPLETED, 0), SECOND);
    swarms.replay(request(A, 3, 100, STARTED, 0), SECOND);

    assertEquals(new ScrapeCounts(2, 2, 1), swarms.counts(A));
    assertEquals(3, announce(A, 4, 100, STARTED, SECOND).peers().size());
    flush();
    assertEquals(1L, store.get(A), "the replayed completion is stored by its own instance");

    swarms.replay(request(A, 3, 100, STOPPED, 0), SECOND);
    assertEquals(new ScrapeCounts(2, 2, 1), swarms.counts(A), "peer 3 stopped, peer 4 came");
  }
}
