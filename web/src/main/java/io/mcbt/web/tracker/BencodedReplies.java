package io.mcbt.web.tracker;

import io.mcbt.tracker.HttpTrackerReplies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes a bencoded tracker reply. */
final class BencodedReplies {
  private static final Logger LOG = Logger.getLogger(BencodedReplies.class.getName());

  private BencodedReplies() {}

  /** A fault of ours: logged with an id, and the client gets a failure reason, not a 500 page. */
  static byte[] internalError(RuntimeException fault) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Tracker fault, incident " + incident, fault);
    return HttpTrackerReplies.failure("internal error, incident " + incident);
  }

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
