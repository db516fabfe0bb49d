package io.mcbt.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {

  @Test
  void consecutiveGroupsGetDifferentAddressesNotOnlyPorts() {
    AddressPool pool = new AddressPool("239.192.0.0/16", "40000-40999");

    MulticastAddress first = pool.allocate(1);
    MulticastAddress second = pool.allocate(1);

    assertNotEquals(first.group(), second.group());
    assertTrue(first.group().getHostAddress().startsWith("239.192."));
    assertTrue(first.port() >= 40000 && first.port() <= 40999);
  }

  @Test
  void neverGivesALivePairTwiceAndReusesReleasedOnes() {
    AddressPool pool = new AddressPool("239.255.7.0/29", "41000-41002");
    Random random = new Random(5);
    Set<MulticastAddress> live = new HashSet<>();
    for (int step = 0; step < 5_000; step++) {
      if (!live.isEmpty() && (random.nextBoolean() || live.size() == 18)) {
        MulticastAddress released = live.iterator().next();
        live.remove(released);
        pool.release(released);
      } else {
        assertTrue(live.add(pool.allocate(1)), "a live pair was given again at step " + step);
      }
      assertEquals(live.size(), pool.liveCount());
    }
  }

  @Test
  void anExhaustedPoolSaysSo() {
    AddressPool pool = new AddressPool("239.1.2.1/32", "42000-42001");
    pool.allocate(1);
    pool.allocate(1);

    IllegalStateException full = assertThrows(IllegalStateException.class, () -> pool.allocate(1));
    assertTrue(full.getMessage().contains("in use"));
  }

  @Test
  void avoidsNetworkAndBroadcastLookingAddresses() {
    AddressPool pool = new AddressPool("239.9.9.0/24", "43000-43000");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 254; i++) {
      seen.add(pool.allocate(1).group().getHostAddress());
    }

    assertTrue(!seen.contains("239.9.9.0") && !seen.contains("239.9.9.255"));
    assertThrows(IllegalStateException.class, () -> pool.allocate(1));
  }

  @Test
  void refusesRangesThatAreNotMulticastOrPortsOutOfRange() {
    assertThrows(
        IllegalArgumentException.class, () -> new AddressPool("10.0.0.0/8", "40000-40001"));
    assertThrows(
        IllegalArgumentException.class, () -> new AddressPool("239.0.0.0/2", "40000-40001"));
    assertThrows(IllegalArgumentException.class, () -> new AddressPool("239.0.0.0/16", "80-90"));
    assertThrows(
        IllegalArgumentException.class, () -> new AddressPool("239.0.0.0/16", "50000-40000"));
  }

  @Test
  void aPairHeldElsewhereInTheClusterIsSkippedAndReleasedPairsGoBack() {
    Set<String> cluster = new HashSet<>(Set.of("239.255.7.1:41000"));
    AddressPool pool =
        new AddressPool("239.255.7.0/30", "41000-41000")
            .sharedThrough(
                new AddressPool.Claims() {
                  @Override
                  public boolean claim(String pair) {
                    return cluster.add(pair);
                  }

                  @Override
                  public void release(String pair) {
                    cluster.remove(pair);
                  }
                });

    MulticastAddress mine = pool.allocate(1);

    assertEquals("239.255.7.2:41000", mine.pair(), "239.255.7.1 is held by another instance");
    assertEquals("239.255.7.3:41000", pool.allocate(1).pair());
    assertThrows(IllegalStateException.class, () -> pool.allocate(1));
    pool.release(mine);
    assertEquals(Set.of("239.255.7.1:41000", "239.255.7.3:41000"), cluster);
  }

  @Test
  void aClaimedPairOfAnAdoptedGroupIsNotGivenAgain() {
    AddressPool pool = new AddressPool("239.255.7.0/30", "41000-41001");
    MulticastAddress adopted = pool.allocate(1);
    AddressPool successor = new AddressPool("239.255.7.0/30", "41000-41001");

    successor.claim(adopted);

    Set<MulticastAddress> given = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      given.add(successor.allocate(1));
    }
    assertTrue(given.stream().noneMatch(pair -> pair.pair().equals(adopted.pair())));
    assertThrows(IllegalStateException.class, () -> successor.allocate(1));
  }
}
