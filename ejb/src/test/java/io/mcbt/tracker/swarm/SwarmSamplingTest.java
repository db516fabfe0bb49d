package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.AnnounceEvent.NONE;
import static io.mcbt.tracker.AnnounceEvent.STARTED;
import static io.mcbt.tracker.swarm.Announces.id;
import static io.mcbt.tracker.swarm.Announces.ids;
import static io.mcbt.tracker.swarm.Announces.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwarmSamplingTest {
  @Test
  void neverReturnsTheAskerAndReturnsAsManyDistinctEligiblePeersAsWanted() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      Swarm swarm = new Swarm(0);
      int size = 1 + random.nextInt(40);
      Set<PeerId> seeders = new HashSet<>();
      Set<PeerId> leechers = new HashSet<>();
      for (int peer = 0; peer < size; peer++) {
        boolean seeder = random.nextInt(3) == 0;
        swarm.announce(request(peer, seeder ? 0 : 100, STARTED, 0), 0, random);
        (seeder ? seeders : leechers).add(id(peer));
      }
      for (int ask = 0; ask < 20; ask++) {
        int asker = random.nextInt(size + 2);
        boolean seeder = random.nextBoolean();
        int numWant = random.nextInt(size + 5);
        seeders.remove(id(asker));
        leechers.remove(id(asker));
        Set<PeerId> eligible = new HashSet<>(leechers);
        if (!seeder) {
          eligible.addAll(seeders);
        }

        List<PeerId> got =
            ids(swarm.announce(request(asker, seeder ? 0 : 100, NONE, numWant), 0, random).peers());
        (seeder ? seeders : leechers).add(id(asker));

        String context = "trial " + trial + ", asker " + asker + ", numwant " + numWant;
        assertFalse(got.contains(id(asker)), context);
        assertEquals(got.size(), new HashSet<>(got).size(), context);
        assertTrue(eligible.containsAll(got), context);
        assertEquals(Math.min(numWant, eligible.size()), got.size(), context);
      }
      assertEquals(seeders.size() + leechers.size(), swarm.size());
    }
  }

  @ParameterizedTest(name = "{0} seeders, {1} leechers, seeder asks: {2}, numwant {3}")
  @CsvSource({
    "10, 11, false, 5",
    "0, 21, false, 5",
    "10, 11, false, 10",
    "10, 11, false, 19",
    "4, 17, false, 19",
    "5, 20, true, 5",
    "5, 20, true, 19",
    "0, 3, false, 1",
  })
  void samplesEveryEligiblePeerEquallyOften(
      int seeders, int leechers, boolean seederAsks, int numWant) {
    Random random = new Random(11);
    Swarm swarm = new Swarm(0);
    int peers = seeders + leechers;
    for (int peer = 0; peer < peers; peer++) {
      swarm.announce(request(peer, peer < seeders ? 0 : 100, STARTED, 0), 0, random);
    }
    int asker = seederAsks ? 0 : peers - 1;
    int eligible = seederAsks ? leechers : peers - 1;
    int draws = 10_000;

    Map<PeerId, Integer> seen = new HashMap<>();
    for (int draw = 0; draw < draws; draw++) {
      List<PeerId> got =
          ids(
              swarm
                  .announce(request(asker, seederAsks ? 0 : 100, NONE, numWant), 0, random)
                  .peers());
      assertEquals(numWant, got.size());
      got.forEach(peer -> seen.merge(peer, 1, Integer::sum));
    }

    assertEquals(eligible, seen.size(), "peers ever returned");
    double expected = (double) draws * numWant / eligible;
    seen.forEach(
        (peer, count) ->
            assertEquals(expected, count, expected * 0.15, peer + " returned " + count + " times"));
  }

  @Test
  void takesRandomnessOnlyFromTheGivenGenerator() {
    List<List<PeerId>> first = draws(new Random(3));
    List<List<PeerId>> second = draws(new Random(3));

    assertEquals(first, second);
  }

  private static List<List<PeerId>> draws(Random random) {
    Swarm swarm = new Swarm(0);
    for (int peer = 0; peer < 30; peer++) {
      swarm.announce(request(peer, peer % 2, AnnounceEvent.STARTED, 0), 0, random);
    }
    return IntStream.range(0, 20)
        .mapToObj(i -> ids(swarm.announce(request(1, 1, NONE, 5), 0, random).peers()))
        .toList();
  }
}
