package io.mcbt.web.tracker;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a bencoded tracker reply. */
final class BencodedReplies {
  private BencodedReplies() {}

  /**
   * Always 200: BitTorrent clients read a {@code failure reason} only from a successful response,
   * and many treat any other status as "tracker unreachable".
   */
  static void send(HttpServletResponse response, byte[] body) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
