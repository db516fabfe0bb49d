package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PieceLengthsTest {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final long GIB = 1024 * MIB;
  private static final long TIB = 1024 * GIB;

  @ParameterizedTest(name = "{0} bytes -> {1}")
  @CsvSource({
    "0, 16384",
    "1, 16384",
    "32768000, 16384",
    "32768001, 32768",
    "33554432, 32768",
    "104857600, 65536",
    "734003200, 524288",
    "1073741824, 1048576",
    "4700000000, 4194304",
    "68719476736, 16777216",
    "1099511627776, 16777216",
    "9223372036854775807, 16777216",
  })
  void choosesPieceLengthForTotal(long total, long expected) {
    assertEquals(expected, PieceLengths.forTotalLength(total));
  }

  @ParameterizedTest
  @ValueSource(longs = {33 * MIB, 100 * MIB, 700 * MIB + 1, GIB, 3 * GIB + 5, 10 * GIB, 20 * GIB})
  void keepsBetween1000And2000PiecesWhenLengthIsNotAtItsBounds(long total) {
    long length = PieceLengths.forTotalLength(total);
    long pieces = (total + length - 1) / length;

    assertTrue(pieces > 1000 && pieces <= 2000, total + " bytes gave " + pieces + " pieces");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 1000, 5 * MIB, GIB, TIB, Long.MAX_VALUE})
  void alwaysChoosesAValidLength(long total) {
    assertTrue(PieceLengths.isValid(PieceLengths.forTotalLength(total)));
  }

  @ParameterizedTest
  @ValueSource(longs = {16 * KIB, 32 * KIB, MIB, 16 * MIB})
  void acceptsPowersOfTwoFrom16KibTo16Mib(long length) {
    assertTrue(PieceLengths.isValid(length));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -16384, 1, 8 * KIB, 16 * KIB + 1, 24 * KIB, 32 * MIB, 1L << 62})
  void rejectsOtherLengths(long length) {
    assertFalse(PieceLengths.isValid(length));
  }
}
