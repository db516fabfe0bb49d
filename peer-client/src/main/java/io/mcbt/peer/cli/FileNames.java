package io.mcbt.peer.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Names for the {@code .torrent} files this client writes. */
final class FileNames {
  static final String TORRENT_SUFFIX = ".torrent";

  /** Leaves room for {@value #TORRENT_SUFFIX} and a temporary suffix within 255 bytes. */
  private static final int MAX_NAME_BYTES = 200;

  private static final String FORBIDDEN = "/\\:*?\"<>|";
  private static final Set<String> WINDOWS_DEVICES =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private FileNames() {}

  /**
   * A torrent's name made safe as a file name on any common file system: no separators, control or
   * reserved characters, not hidden, not a device name, not too long.
   */
  static String sanitise(String name) {
    StringBuilder safe = new StringBuilder(name.length());
    name.codePoints()
        .map(c -> c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0 ? '_' : c)
        .forEach(safe::appendCodePoint);
    String result = truncate(trim(safe.toString()));
    if (result.isEmpty()) {
      return "torrent";
    }
    String base = result.split("\\.", 2)[0].strip().toUpperCase(Locale.ROOT);
    return WINDOWS_DEVICES.contains(base) ? "_" + result : result;
  }

  /**
   * Where to write a torrent's file: {@code output} itself, {@code <name>.torrent} inside {@code
   * output} when it is a folder, or {@code <name>.torrent} in the current folder without it.
   */
  static Path torrentFile(Path output, String torrentName) {
    String fileName = sanitise(torrentName) + TORRENT_SUFFIX;
    if (output == null) {
      return Path.of(fileName);
    }
    return Files.isDirectory(output) ? output.resolve(fileName) : output;
  }

  /** Windows drops trailing dots and spaces; leading dots would hide the file. */
  private static String trim(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
      start++;
    }
    while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
      end--;
    }
    return name.substring(start, end);
  }

  private static String truncate(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
      return name;
    }
    StringBuilder shorter = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + length > MAX_NAME_BYTES) {
        break;
      }
      shorter.appendCodePoint(codePoint);
      bytes += length;
      i += Character.charCount(codePoint);
    }
    return trim(shorter.toString());
  }
}
