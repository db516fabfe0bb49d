package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class PieceLengthConverterTest {
  private final PieceLengthConverter converter = new PieceLengthConverter();

  @ParameterizedTest
  @CsvSource({"16K, 16384", "256K, 262144", "1M, 1048576", "16M, 16777216", "65536, 65536"})
  void acceptsPowersOfTwoFrom16KTo16M(String text, long bytes) {
    assertEquals(bytes, converter.convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8K", "32M", "3M", "100K", "0", "1000000"})
  void refusesOtherLengths(String text) {
    TypeConversionException error =
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    assertTrue(error.getMessage().contains("power of two"), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"big", "1.5M", "-256K"})
  void refusesWhatIsNotASize(String text) {
    TypeConversionException error =
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    assertTrue(error.getMessage().contains("not a size"), error.getMessage());
  }
}
