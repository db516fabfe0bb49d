package io.mcbt.web.tracker;

import io.mcbt.tracker.HttpScrape;
import io.mcbt.tracker.HttpTrackerReplies;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.tracker.application.TrackerGate;
import io.mcbt.web.operations.ErrorCounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /scrape} (BEP 48) for one or more info-hashes, and {@code GET /scrape/<passkey>} for a
 * private tracker.
 */
@WebServlet(urlPatterns = {"/scrape", "/scrape/*"})
public class ScrapeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient SwarmService swarms;
  @Inject transient TrackerGate gate;
  @Inject transient ErrorCounts errors;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body;
    try {
      gate.admit(AnnounceServlet.clientAddress(request));
      gate.checkPasskey(Passkeys.of(request));
      body = HttpTrackerReplies.scrape(swarms.scrape(HttpScrape.parse(request.getQueryString())));
    } catch (TrackerFailure failure) {
      errors.count(ErrorCounts.Kind.SCRAPE_REFUSED);
      body = HttpTrackerReplies.failure(failure.getMessage());
    } catch (RuntimeException fault) {
      errors.count(ErrorCounts.Kind.TRACKER_FAULT);
      body = BencodedReplies.internalError(fault);
    }
    BencodedReplies.send(response, body);
  }
}
