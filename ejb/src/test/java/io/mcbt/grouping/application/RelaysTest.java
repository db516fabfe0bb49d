package io.mcbt.grouping.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelaysTest {
  private static final InfoHash ISO = InfoHash.fromHex("aa".repeat(20));
  private static final long SECOND = 1_000_000_000L;

  private final Relays relays = new Relays();

  @Test
  void theFirstLeecherOfAnUnheldTorrentIsDueOnlyAfterTheDelay() {
    relays.consider("a", ISO, 0);
    relays.consider("b", ISO, SECOND);

    assertEquals(List.of(), relays.due(Relays.DELAY_NS - 1));
    List<Relays.Candidate> due = relays.due(Relays.DELAY_NS);
    assertEquals(List.of(new Relays.Candidate("a", ISO)), due);
    assertEquals(List.of(), relays.due(10 * Relays.DELAY_NS), "due once");

    assertTrue(relays.make(due.get(0)));
    assertTrue(relays.relays("a", ISO));
    assertFalse(relays.make(new Relays.Candidate("b", ISO)), "one relay a torrent");
    relays.consider("b", ISO, 20 * Relays.DELAY_NS);
    assertEquals(List.of(), relays.due(30 * Relays.DELAY_NS), "nobody waits while one relays");
  }

  @Test
  void aRelayThatLeavesRelaysNothingAndTheNextLeecherMayTakeOver() {
    relays.consider("a", ISO, 0);
    relays.make(relays.due(Relays.DELAY_NS).get(0));

    relays.forget("a");

    assertFalse(relays.relays("a", ISO));
    relays.consider("b", ISO, 2 * Relays.DELAY_NS);
    assertEquals(List.of(new Relays.Candidate("b", ISO)), relays.due(3 * Relays.DELAY_NS));
  }

  @Test
  void aLeecherThatLeavesWhileWaitingIsNeverDue() {
    relays.consider("a", ISO, 0);
    relays.forget("a");
    assertEquals(List.of(), relays.due(Relays.DELAY_NS));
  }
}
