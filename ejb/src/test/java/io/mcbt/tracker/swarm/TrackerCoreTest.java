package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.AnnounceEvent.COMPLETED;
import static io.mcbt.tracker.AnnounceEvent.STARTED;
import static io.mcbt.tracker.swarm.Announces.SECOND;
import static io.mcbt.tracker.swarm.Announces.endpoint;
import static io.mcbt.tracker.swarm.Announces.id;
import static io.mcbt.tracker.swarm.Announces.ids;
import static io.mcbt.tracker.swarm.Announces.request;
import static io.mcbt.tracker.swarm.Announces.torrent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.ScrapeCounts;
import io.mcbt.tracker.TrackerFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackerCoreTest {
  private static final InfoHash KNOWN = torrent(1);
  private static final InfoHash OTHER_KNOWN = torrent(2);
  private static final InfoHash UNKNOWN = torrent(3);
  private static final TrackerCore.Settings SETTINGS =
      new TrackerCore.Settings(1800, 900, "mcbt-1", 600);

  private final Map<InfoHash, Long> store = Map.of(KNOWN, 5L, UNKNOWN, 9L);
  private final Swarms swarms = new Swarms(hash -> store.getOrDefault(hash, 0L));
  private final TrackerCore core =
      new TrackerCore(swarms, Set.of(KNOWN, OTHER_KNOWN)::contains, SETTINGS, new Random(1));

  @Test
  void refusesAnUnknownTorrentWithoutTrackingIt() {
    TrackerFailure failure =
        assertThrows(
            TrackerFailure.class, () -> core.announce(request(UNKNOWN, 1, 100, STARTED, 50), 0));

    assertTrue(failure.getMessage().contains("unknown torrent"), failure.getMessage());
    assertTrue(failure.getMessage().contains(UNKNOWN.hex()), failure.getMessage());
    assertEquals(0, swarms.totals().torrents());
    assertEquals(0, core.announceCount());
  }

  @Test
  void repliesWithTheIntervalsTrackerIdAndCounts() throws TrackerFailure {
    core.announce(request(KNOWN, 1, 0, STARTED, 50), 0);

    AnnounceReply reply = core.announce(request(KNOWN, 2, 100, STARTED, 50), 0);

    assertEquals(1800, reply.intervalSeconds());
    assertEquals(900, reply.minIntervalSeconds());
    assertEquals(Optional.of("mcbt-1"), reply.trackerId());
    assertEquals(1, reply.complete());
    assertEquals(1, reply.incomplete());
    assertEquals(ids(1), ids(reply.peers()));
    assertEquals(2, core.announceCount());
  }

  @Test
  void scrapesOnlyTrackedTorrentsInTheAskedOrder() throws TrackerFailure {
    core.announce(request(KNOWN, 1, 100, STARTED, 0), 0);
    core.announce(request(KNOWN, 1, 0, COMPLETED, 0), 0);
    Set<InfoHash> asked = new LinkedHashSet<>(List.of(OTHER_KNOWN, UNKNOWN, KNOWN));

    Map<InfoHash, ScrapeCounts> counts = core.scrape(asked);

    assertEquals(List.of(OTHER_KNOWN, KNOWN), List.copyOf(counts.keySet()));
    assertEquals(new ScrapeCounts(1, 6, 0), counts.get(KNOWN));
    assertEquals(new ScrapeCounts(0, 0, 0), counts.get(OTHER_KNOWN));
  }

  @Test
  void scrapingNothingTrackedGivesNothing() {
    assertEquals(Map.of(), core.scrape(Set.of(UNKNOWN)));
    assertEquals(Map.of(), core.scrape(Set.of()));
  }

  @Test
  void expiresPeersSilentForTwoIntervalsAndAMinute() throws TrackerFailure {
    long maxAge = (2 * 1800 + 60) * SECOND;
    core.announce(request(KNOWN, 1, 100, STARTED, 0), 0);
    core.announce(request(KNOWN, 2, 100, STARTED, 0), SECOND);

    assertEquals(0, core.expire(maxAge));
    assertEquals(1, core.expire(maxAge + 1));
    assertEquals(new ScrapeCounts(0, 5, 1), swarms.counts(KNOWN));
    assertEquals(1, core.expire(maxAge + SECOND + 1));
    assertEquals(0, swarms.totals().torrents());
  }

  @Test
  void expiresRegisteredSeedersAfterTheirOwnAge() {
    core.registerSeeder(KNOWN, endpoint(300), 0);

    assertEquals(0, core.expire(600 * SECOND));
    assertEquals(new ScrapeCounts(1, 5, 0), swarms.counts(KNOWN));
    assertEquals(1, core.expire(600 * SECOND + 1));
    assertEquals(new ScrapeCounts(0, 5, 0), swarms.counts(KNOWN));
  }

  @Test
  void offersARegisteredSeederToLeechers() throws TrackerFailure {
    core.registerSeeder(KNOWN, endpoint(300), 0);

    AnnounceReply reply = core.announce(request(KNOWN, 1, 100, STARTED, 50), 0);

    assertEquals(
        List.of(new AnnounceReply.Peer(Swarm.standInId(endpoint(300)), endpoint(300))),
        reply.peers());
    assertEquals(1, reply.complete());
  }

  @Test
  void neverOffersTheAskingPeer() throws TrackerFailure {
    for (int peer = 0; peer < 10; peer++) {
      core.announce(request(KNOWN, peer, 100, STARTED, 0), 0);
    }

    AnnounceReply reply = core.announce(request(KNOWN, 4, 100, STARTED, 50), 0);

    assertEquals(9, reply.peers().size());
    assertFalse(ids(reply.peers()).contains(id(4)));
  }

  @Test
  void exposesItsSettingsAndSwarms() {
    assertEquals(SETTINGS, core.settings());
    assertEquals(swarms, core.swarms());
    assertEquals(3660 * SECOND, SETTINGS.peerMaxAgeNs());
    assertEquals(600 * SECOND, SETTINGS.registeredMaxAgeNs());
  }
}
