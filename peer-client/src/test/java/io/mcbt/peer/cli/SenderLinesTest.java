package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.peer.transfer.MulticastSender;
import io.mcbt.transfer.EndFrame;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SenderLinesTest {
  private static final long MIB = 1024 * 1024;
  private final MulticastSender.Figures figures =
      new MulticastSender.Figures(
          265 * MIB, 195_000, 2, 13 * MIB, 900, 0, 8, 8, 30.0 * MIB, 8_000_000_000L);

  @Test
  void theEndLineCarriesWhatTheBenchReads() {
    assertEquals(
        "multicast group 7: complete, 8/8 members done, 2 rounds, 265 MiB sent (1.035 x the"
            + " torrent), 13 MiB of repairs, 8.00 s, 32 MiB/s",
        SenderLines.ended(7, EndFrame.Reason.COMPLETE, figures, 256 * MIB));
  }

  @Test
  void theEndLineKeepsItsDecimalPointsWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertTrue(
          SenderLines.ended(7, EndFrame.Reason.COMPLETE, figures, 256 * MIB)
              .contains("(1.035 x the torrent), 13 MiB of repairs, 8.00 s"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aRoundLineShowsMembersDoneAndTheRate() {
    assertEquals(
        "multicast group 7: round 2, 8/8 members done, 265 MiB sent, 30 MiB/s",
        SenderLines.round(7, figures));
  }
}
