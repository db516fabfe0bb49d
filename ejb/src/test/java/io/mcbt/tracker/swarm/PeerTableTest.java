package io.mcbt.tracker.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The peer table against a plain map doing the same operations, over many random steps. */
class PeerTableTest {
  private record Expected(PeerEndpoint endpoint, long left, long lastSeenNs) {}

  @Test
  void behavesLikeAMapThroughAddsUpdatesRemovalsExpiryAndTrimming() {
    Random random = new Random(11);
    PeerTable table = new PeerTable();
    Map<PeerId, Expected> model = new HashMap<>();
    List<PeerId> known = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 60_000; step++) {
      now += 1_000;
      // Grow to thousands of peers, churn, then shrink, so that resizing and trimming both happen.
      int addShare = step < 20_000 ? 90 : step < 40_000 ? 45 : 10;
      int action = random.nextInt(100);
      if (action < addShare || known.isEmpty()) {
        PeerId id = randomId(random, known);
        Expected expected =
            new Expected(
                endpoint(random), random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(100), now);
        int handle = table.find(id);
        if (handle == PeerTable.NONE) {
          table.add(id, expected.endpoint(), expected.left(), now, false);
          known.add(id);
        } else {
          table.update(handle, expected.endpoint(), expected.left(), now);
        }
        model.put(id, expected);
      } else if (action < 97) {
        PeerId id = known.remove(random.nextInt(known.size()));
        table.remove(table.find(id));
        model.remove(id);
      } else {
        long maxAge = 1_000L * random.nextInt(40_000);
        int[] stale = table.stale(now, maxAge, maxAge);
        for (int i = stale.length - 1; i >= 0; i--) {
          PeerId id = table.id(stale[i]);
          table.remove(stale[i]);
          model.remove(id);
          known.remove(id);
        }
        table.trimIfSparse();
      }
      if (step % 997 == 0) {
        assertSame(model, table);
      }
    }
    assertSame(model, table);
  }

  private static void assertSame(Map<PeerId, Expected> model, PeerTable table) {
    assertEquals(model.size(), table.size());
    assertEquals(
        model.values().stream().filter(e -> e.left() == 0).count(), (long) table.seeders());
    model.forEach(
        (id, expected) -> {
          int handle = table.find(id);
          assertTrue(handle != PeerTable.NONE, "lost " + id);
          assertEquals(id, table.id(handle));
          assertEquals(expected.endpoint(), table.endpoint(handle));
          assertEquals(expected.left() == 0, PeerTable.isSeeder(handle));
        });
  }

  private static PeerId randomId(Random random, List<PeerId> known) {
    if (!known.isEmpty() && random.nextBoolean()) {
      return known.get(random.nextInt(known.size()));
    }
    byte[] id = new byte[20];
    random.nextBytes(id);
    return new PeerId(id);
  }

  private static PeerEndpoint endpoint(Random random) {
    byte[] address = new byte[random.nextInt(10) == 0 ? 16 : 4];
    random.nextBytes(address);
    return new PeerEndpoint(address, 1 + random.nextInt(65535));
  }
}
