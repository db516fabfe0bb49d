package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

  @ParameterizedTest
  @CsvSource({
    "262144, 262144",
    "256K, 262144",
    "256k, 262144",
    "256KiB, 262144",
    "256KB, 262144",
    "' 256 K ', 262144",
    "1M, 1048576",
    "1MiB, 1048576",
    "16m, 16777216",
    "2G, 2147483648",
    "0, 0"
  })
  void parsesBytesWithBinarySuffixes(String text, long bytes) {
    assertEquals(bytes, ByteSizes.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "K", "1.5M", "-1K", "1T", "256 KK", "one", "99999999999999999999"})
  void refusesWhatIsNotASize(String text) {
    assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775807K", "17179869184G"})
  void refusesSizesThatOverflow(String text) {
    assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 B",
    "1023, 1023 B",
    "1024, 1 KiB",
    "1536, 1.5 KiB",
    "16384, 16 KiB",
    "39321600, 37.5 MiB",
    "536870912, 512 MiB",
    "1048064, 1 MiB",
    "1288490188, 1.2 GiB",
    "9223372036854775807, 8 EiB"
  })
  void printsHumanSizes(long bytes, String text) {
    assertEquals(text, ByteSizes.human(bytes));
  }
}
