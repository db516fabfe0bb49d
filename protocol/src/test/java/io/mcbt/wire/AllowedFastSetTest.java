package io.mcbt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.metainfo.InfoHash;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedFastSetTest {
  private static final InfoHash AA = InfoHash.fromHex("aa".repeat(20));
  private static final byte[] IP = {80, 4, 4, (byte) 200};

  /** The two examples BEP 6 gives. */
  @Test
  void matchesTheExamplesOfBep6() {
    assertEquals(
        List.of(1059, 431, 808, 1217, 287, 376, 1188), AllowedFastSet.compute(IP, AA, 1313, 7));
    assertEquals(
        List.of(1059, 431, 808, 1217, 287, 376, 1188, 353, 508),
        AllowedFastSet.compute(IP, AA, 1313, 9));
  }

  @Test
  void onlyTheSlash24OfTheAddressCounts() {
    byte[] neighbour = {80, 4, 4, 1};
    assertEquals(
        AllowedFastSet.compute(IP, AA, 1313, 10), AllowedFastSet.compute(neighbour, AA, 1313, 10));
  }

  @Test
  void aSmallTorrentGivesEveryPieceAtMost() {
    assertEquals(3, AllowedFastSet.compute(IP, AA, 3, 10).size());
    assertEquals(List.of(0), AllowedFastSet.compute(IP, AA, 1, 10));
  }

  @Test
  void refusesIpv6Addresses() {
    assertThrows(
        IllegalArgumentException.class, () -> AllowedFastSet.compute(new byte[16], AA, 10, 10));
  }
}
