package io.mcbt.tracker.swarm;

import static io.mcbt.tracker.AnnounceEvent.NONE;
import static io.mcbt.tracker.AnnounceEvent.STARTED;
import static io.mcbt.tracker.AnnounceEvent.STOPPED;
import static io.mcbt.tracker.swarm.Announces.SECOND;
import static io.mcbt.tracker.swarm.Announces.endpoint;
import static io.mcbt.tracker.swarm.Announces.id;
import static io.mcbt.tracker.swarm.Announces.request;
import static io.mcbt.tracker.swarm.Announces.torrent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.ScrapeCounts;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwarmRegistrationTest {
  private static final PeerEndpoint SEEDER = endpoint(500, 51413);
  private static final int LEECHER = 1;

  private final Swarm swarm = new Swarm(0);
  private final Random random = new Random(5);

  private List<AnnounceReply.Peer> leecherAsks(long nowNs) {
    return swarm.announce(request(LEECHER, 100, NONE, 50), nowNs, random).peers();
  }

  private Swarm.Outcome seederAnnounces(int peer, AnnounceEvent event, long nowNs) {
    return swarm.announce(request(torrent(0), id(peer), SEEDER, 0, event, 50), nowNs, random);
  }

  @Test
  void offersAStandInToLeechersBeforeTheSeederAnnounces() {
    assertTrue(swarm.register(SEEDER, 0));

    List<AnnounceReply.Peer> peers = leecherAsks(0);

    assertEquals(List.of(new AnnounceReply.Peer(Swarm.standInId(SEEDER), SEEDER)), peers);
    assertEquals(new ScrapeCounts(1, 0, 1), swarm.counts());
  }

  @Test
  void standInIdsAreStableRecognisableAndPerEndpoint() {
    byte[] id = Swarm.standInId(SEEDER).bytes();

    assertArrayEquals("-MCBTRG-".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(id, 8));
    assertEquals(Swarm.standInId(SEEDER), Swarm.standInId(endpoint(500, 51413)));
    assertNotEquals(Swarm.standInId(SEEDER), Swarm.standInId(endpoint(500, 51414)));
    assertNotEquals(Swarm.standInId(SEEDER), Swarm.standInId(endpoint(501, 51413)));
  }

  @Test
  void reRegisteringRefreshesTheStandInWithoutAddingAnother() {
    swarm.register(SEEDER, 0);
    swarm.register(SEEDER, 20 * SECOND);

    assertEquals(1, swarm.size());
    assertEquals(0, swarm.expire(40 * SECOND, 1000 * SECOND, 30 * SECOND));
    assertEquals(1, swarm.expire(51 * SECOND, 1000 * SECOND, 30 * SECOND));
    assertEquals(0, swarm.size());
  }

  @Test
  void theSeedersOwnAnnounceReplacesTheStandIn() {
    swarm.register(SEEDER, 0);
    leecherAsks(0);

    Swarm.Outcome outcome = seederAnnounces(77, STARTED, SECOND);

    assertEquals(1, outcome.seeders());
    assertEquals(1, outcome.leechers());
    assertEquals(2, swarm.size());
    assertEquals(List.of(new AnnounceReply.Peer(id(77), SEEDER)), leecherAsks(SECOND));
  }

  @Test
  void theSeedersOwnAnnounceIsNeverOfferedItsStandIn() {
    swarm.register(SEEDER, 0);

    Swarm.Outcome outcome =
        swarm.announce(request(torrent(0), id(77), SEEDER, 100, STARTED, 50), 0, random);

    assertEquals(List.of(), outcome.peers());
    assertEquals(new ScrapeCounts(0, 0, 1), swarm.counts());
  }

  @Test
  void registeringAnEndpointThatAlreadyAnnouncedAddsNothing() {
    seederAnnounces(77, STARTED, 0);

    assertTrue(swarm.register(SEEDER, SECOND));

    assertEquals(1, swarm.size());
    assertEquals(List.of(new AnnounceReply.Peer(id(77), SEEDER)), leecherAsks(SECOND));
  }

  @Test
  void anAnnounceFromAnotherPortKeepsTheStandIn() {
    swarm.register(SEEDER, 0);

    swarm.announce(request(torrent(0), id(77), endpoint(500, 6881), 0, STARTED, 0), 0, random);

    assertEquals(2, swarm.size());
    assertEquals(
        Set.of(Swarm.standInId(SEEDER), id(77)), Set.copyOf(Announces.ids(leecherAsks(0))));
  }

  @Test
  void theSeederStoppingAfterReplacingItsStandInLeavesNothing() {
    swarm.register(SEEDER, 0);
    seederAnnounces(77, STARTED, 0);

    seederAnnounces(77, STOPPED, SECOND);

    assertEquals(List.of(), leecherAsks(SECOND));
  }

  @Test
  void aStoppedAnnounceFromTheRegisteredSeederRemovesItsStandIn() {
    swarm.register(SEEDER, 0);

    seederAnnounces(77, STOPPED, SECOND);

    assertEquals(List.of(), leecherAsks(SECOND));
  }

  @Test
  void standInsExpireAfterTheirOwnMaximumAge() {
    swarm.register(SEEDER, 0);
    leecherAsks(0);

    assertEquals(1, swarm.expire(50 * SECOND, 100 * SECOND, 30 * SECOND));
    assertEquals(new ScrapeCounts(0, 0, 1), swarm.counts());
  }

  @Test
  void standInsOutliveAnnouncedPeersWhenTheirMaximumAgeIsLonger() {
    swarm.register(SEEDER, 0);
    leecherAsks(0);

    assertEquals(1, swarm.expire(150 * SECOND, 100 * SECOND, 1000 * SECOND));
    assertEquals(new ScrapeCounts(1, 0, 0), swarm.counts());
  }

  @Test
  void aSwarmWithOnlyAStandInIsNotEmpty() {
    swarm.register(SEEDER, 0);

    assertFalse(swarm.retireIfEmpty());
  }
}
