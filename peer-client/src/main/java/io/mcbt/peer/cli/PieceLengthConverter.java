package io.mcbt.peer.cli;

import io.mcbt.metainfo.PieceLengths;
import picocli.CommandLine;

/** Reads {@code --piece-length}: a power of two from 16K to 16M, with or without a suffix. */
final class PieceLengthConverter implements CommandLine.ITypeConverter<Long> {

  @Override
  public Long convert(String text) {
    long bytes;
    try {
      bytes = ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
    if (!PieceLengths.isValid(bytes)) {
      throw new CommandLine.TypeConversionException(
          "\"" + text + "\" is not a power of two from 16K to 16M (16K, 32K, ... 1M, ... 16M)");
    }
    return bytes;
  }
}
