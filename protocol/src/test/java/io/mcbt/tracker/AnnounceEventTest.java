package io.mcbt.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnounceEventTest {
  @Test
  void mapsBep15Ids() {
    assertEquals(AnnounceEvent.NONE, AnnounceEvent.ofUdpId(0));
    assertEquals(AnnounceEvent.COMPLETED, AnnounceEvent.ofUdpId(1));
    assertEquals(AnnounceEvent.STARTED, AnnounceEvent.ofUdpId(2));
    assertEquals(AnnounceEvent.STOPPED, AnnounceEvent.ofUdpId(3));
  }

  @Test
  void udpIdsRoundTripForBep15Events() {
    for (int id = 0; id <= 3; id++) {
      assertEquals(id, AnnounceEvent.ofUdpId(id).udpId());
    }
    assertEquals(4, AnnounceEvent.PAUSED.udpId());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 4, 5, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void unknownUdpIdsGiveNull(int id) {
    assertNull(AnnounceEvent.ofUdpId(id));
  }

  @Test
  void mapsHttpValues() throws TrackerFailure {
    assertEquals(AnnounceEvent.NONE, AnnounceEvent.ofHttpValue(null));
    assertEquals(AnnounceEvent.NONE, AnnounceEvent.ofHttpValue(""));
    assertEquals(AnnounceEvent.STARTED, AnnounceEvent.ofHttpValue("started"));
    assertEquals(AnnounceEvent.COMPLETED, AnnounceEvent.ofHttpValue("completed"));
    assertEquals(AnnounceEvent.STOPPED, AnnounceEvent.ofHttpValue("stopped"));
    assertEquals(AnnounceEvent.PAUSED, AnnounceEvent.ofHttpValue("paused"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "Started", "started ", "complete"})
  void refusesUnknownHttpValues(String value) {
    TrackerFailure failure =
        assertThrows(TrackerFailure.class, () -> AnnounceEvent.ofHttpValue(value));
    assertEquals("unknown event \"" + value + "\"", failure.getMessage());
  }
}
