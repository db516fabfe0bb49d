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
}
