package io.mcbt.web.tracker;

import jakarta.servlet.http.HttpServletRequest;

/** The passkey of {@code /announce/<passkey>} and {@code /scrape/<passkey>}. */
final class Passkeys {
  private Passkeys() {}

  /** The path segment after the servlet's path, or null when there is none. */
  static String of(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.length() <= 1) {
      return null;
    }
    return path.substring(1);
  }
}
