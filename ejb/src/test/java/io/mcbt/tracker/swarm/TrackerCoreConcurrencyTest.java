package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.swarm.Announces.id;
import static io.mcbt.tracker.swarm.Announces.ids;
import static io.mcbt.tracker.swarm.Announces.request;
import static io.mcbt.tracker.swarm.Announces.torrent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.PeerId;
import io.mcbt.tracker.ScrapeCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrackerCoreConcurrencyTest {
  private static final int THREADS = 4;
  private static final int ANNOUNCES_PER_THREAD = 20_000;
  private static final int TORRENTS = 50;
  private static final int PEERS = 500;
  private static final int OBSERVER = 1_000_000;
  private static final AnnounceEvent[] EVENTS = {
    AnnounceEvent.STARTED,
    AnnounceEvent.NONE,
    AnnounceEvent.NONE,
    AnnounceEvent.COMPLETED,
    AnnounceEvent.COMPLETED,
    AnnounceEvent.STOPPED,
    AnnounceEvent.PAUSED,
  };

  private final Map<InfoHash, Long> store = new ConcurrentHashMap<>();
  private final Swarms swarms = new Swarms(hash -> store.getOrDefault(hash, 0L));
  private final TrackerCore core =
      new TrackerCore(
          swarms, hash -> true, new TrackerCore.Settings(1800, 900, "t", 600), new Random(1));

  /** What one thread's peers did: each thread announces for its own peers only. */
  private static final class Model {
    final Map<Integer, Map<Integer, Boolean>> seederByPeerByTorrent = new HashMap<>();
    final long[] downloads = new long[TORRENTS];
  }

  @Test
  void concurrentAnnouncesLeaveCountsThatMatchARecountOfLivePeers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean announcing = new AtomicBoolean(true);
      List<Future<Model>> announcers = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int owner = thread;
        announcers.add(pool.submit(() -> announce(owner, start)));
      }
      Future<Integer> maintainer = pool.submit(maintain(start, announcing));
      start.countDown();

      List<Model> models = new ArrayList<>();
      for (Future<Model> announcer : announcers) {
        models.add(announcer.get(60, TimeUnit.SECONDS));
      }
      announcing.set(false);
      assertTrue(maintainer.get(60, TimeUnit.SECONDS) > 0);

      flush();
      assertEquals(0, swarms.expire(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
      assertMatches(models);
    } finally {
      pool.shutdownNow();
    }
  }

  private Model announce(int owner, CountDownLatch start) throws Exception {
    start.await();
    Random random = new Random(1000 + owner);
    Model model = new Model();
    for (int i = 0; i < ANNOUNCES_PER_THREAD; i++) {
      int torrent = random.nextInt(TORRENTS);
      int peer = owner + THREADS * random.nextInt(PEERS / THREADS);
      AnnounceEvent event = EVENTS[random.nextInt(EVENTS.length)];
      long left = random.nextInt(3) == 0 ? 1 + random.nextInt(1 << 20) : 0;
      int numWant = random.nextInt(60);

      AnnounceReply reply = core.announce(request(torrent(torrent), peer, left, event, numWant), i);

      List<PeerId> got = ids(reply.peers());
      assertFalse(got.contains(id(peer)));
      assertEquals(got.size(), new HashSet<>(got).size());
      assertTrue(got.size() <= numWant);
      assertTrue(reply.complete() >= 0 && reply.incomplete() >= 0);

      Map<Integer, Boolean> peers =
          model.seederByPeerByTorrent.computeIfAbsent(torrent, t -> new HashMap<>());
      Boolean wasSeeder = peers.get(peer);
      if (event == AnnounceEvent.STOPPED) {
        peers.remove(peer);
      } else {
        if (event == AnnounceEvent.COMPLETED && Boolean.FALSE.equals(wasSeeder) && left == 0) {
          model.downloads[torrent]++;
        }
        peers.put(peer, left == 0);
      }
    }
    return model;
  }

  private Callable<Integer> maintain(CountDownLatch start, AtomicBoolean announcing) {
    return () -> {
      start.await();
      int rounds = 0;
      while (announcing.get()) {
        flush();
        assertEquals(0, swarms.expire(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        rounds++;
        Thread.yield();
      }
      return rounds;
    };
  }

  private void flush() {
    swarms.takeUnflushedDownloads().forEach((hash, count) -> store.merge(hash, count, Long::sum));
  }

  private void assertMatches(List<Model> models) throws Exception {
    int seeders = 0;
    int leechers = 0;
    long downloads = 0;
    for (int torrent = 0; torrent < TORRENTS; torrent++) {
      Set<PeerId> live = new HashSet<>();
      int torrentSeeders = 0;
      long torrentDownloads = 0;
      for (Model model : models) {
        for (Map.Entry<Integer, Boolean> peer :
            model.seederByPeerByTorrent.getOrDefault(torrent, Map.of()).entrySet()) {
          live.add(id(peer.getKey()));
          torrentSeeders += peer.getValue() ? 1 : 0;
        }
        torrentDownloads += model.downloads[torrent];
      }
      InfoHash hash = torrent(torrent);
      String context = "torrent " + torrent;

      assertEquals(
          new ScrapeCounts(torrentSeeders, torrentDownloads, live.size() - torrentSeeders),
          swarms.counts(hash),
          context);
      assertEquals(torrentDownloads, store.getOrDefault(hash, 0L), context);
      AnnounceReply recount =
          core.announce(request(hash, OBSERVER, 1, AnnounceEvent.STOPPED, 0), Long.MAX_VALUE);
      assertEquals(torrentSeeders, recount.complete(), context);
      assertEquals(live.size() - torrentSeeders, recount.incomplete(), context);
      seeders += torrentSeeders;
      leechers += live.size() - torrentSeeders;
      downloads += torrentDownloads;
      assertTrue(live.size() > 0, context);
      assertEquals(live, everyPeerSeenBy(hash), context);
    }
    assertEquals(new Swarms.Totals(TORRENTS, seeders, leechers), swarms.totals());
    assertTrue(downloads > 0);
  }

  private Set<PeerId> everyPeerSeenBy(InfoHash hash) throws Exception {
    Set<PeerId> seen =
        new HashSet<>(
            ids(
                core.announce(request(hash, OBSERVER, 1, AnnounceEvent.STARTED, PEERS), 0)
                    .peers()));
    core.announce(request(hash, OBSERVER, 1, AnnounceEvent.STOPPED, 0), 0);
    return seen;
  }
}
