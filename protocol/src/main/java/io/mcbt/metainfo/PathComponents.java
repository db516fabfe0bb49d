package io.mcbt.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Rules for one component of a file path inside a torrent. A component that passes can be joined
 * under a download folder on Linux, macOS and Windows without leaving it.
 */
public final class PathComponents {
  /** The usual file-system limit on one name, in bytes. */
  public static final int MAX_COMPONENT_BYTES = 255;

  private PathComponents() {}

  /** Why {@code component} is unsafe as a file or folder name, or empty when it is safe. */
  public static Optional<String> problem(String component) {
    if (component.isEmpty()) {
      return Optional.of("empty path component");
    }
    if (component.equals(".") || component.equals("..")) {
      return Optional.of("path component \"" + component + "\" would leave its folder");
    }
    if (component.indexOf('\0') >= 0) {
      return Optional.of("path component contains a NUL byte");
    }
    if (component.indexOf('/') >= 0 || component.indexOf('\\') >= 0) {
      return Optional.of("path component \"" + component + "\" contains a path separator");
    }
    if (component.length() >= 2 && component.charAt(1) == ':' && isAsciiLetter(component)) {
      return Optional.of("path component \"" + component + "\" looks like a drive letter");
    }
    if (component.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
      return Optional.of("path component longer than " + MAX_COMPONENT_BYTES + " bytes");
    }
    return Optional.empty();
  }

  private static boolean isAsciiLetter(String component) {
    char c = component.charAt(0);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
