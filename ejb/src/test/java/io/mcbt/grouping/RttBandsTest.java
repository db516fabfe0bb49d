package io.mcbt.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RttBandsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "999999, 0",
    "1000000, 1",
    "1999999, 1",
    "2000000, 2",
    "3900000, 2",
    "4000000, 3",
    "40000000, 6",
    "1023999999, 10",
    "1024000000, 11",
    "60000000000, 11"
  })
  void logarithmicBandsDoubleFromOneMillisecond(long rttNs, int band) {
    assertEquals(band, RttBands.logarithmic().bandOf(rttNs));
  }

  @Test
  void bandsCanBeConfiguredInMilliseconds() {
    RttBands bands = RttBands.parse("0.5, 5, 50");

    assertEquals(0, bands.bandOf(400_000));
    assertEquals(1, bands.bandOf(4_000_000));
    assertEquals(3, bands.bandOf(80_000_000));
    assertEquals(4, bands.count());
  }

  @Test
  void boundsMustIncrease() {
    assertThrows(IllegalArgumentException.class, () -> RttBands.parse("2,1"));
    assertThrows(IllegalArgumentException.class, () -> RttBands.parse("fast"));
    assertThrows(IllegalArgumentException.class, () -> new RttBands());
  }
}
