package io.mcbt.web.tracker;

import io.mcbt.tracker.HttpAnnounce;
import io.mcbt.tracker.HttpTrackerReplies;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.tracker.application.TrackerGate;
import io.mcbt.tracker.application.TrackerSettings;
import io.mcbt.web.ClientAddress;
import io.mcbt.web.operations.ErrorCounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;

/**
 * {@code GET /announce} (BEP 3, BEP 7, BEP 23), and {@code GET /announce/<passkey>} for a private
 * tracker: every answer is bencoded, errors included. The {@link TrackerGate} is asked first.
 */
@WebServlet(urlPatterns = {"/announce", "/announce/*"})
public class AnnounceServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient SwarmService swarms;
  @Inject transient TrackerSettings settings;
  @Inject transient TrackerGate gate;
  @Inject transient ErrorCounts errors;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body;
    try {
      InetAddress client = clientAddress(request);
      gate.admit(client);
      gate.checkPasskey(Passkeys.of(request));
      HttpAnnounce announce =
          HttpAnnounce.parse(
              request.getQueryString(),
              client,
              new HttpAnnounce.NumWant(settings.numWantDefault(), settings.numWantMax()));
      body =
          HttpTrackerReplies.announce(
              swarms.announce(announce.request()), announce.compact(), announce.noPeerId());
    } catch (TrackerFailure failure) {
      errors.count(ErrorCounts.Kind.ANNOUNCE_REFUSED);
      body = HttpTrackerReplies.failure(failure.getMessage());
    } catch (RuntimeException fault) {
      errors.count(ErrorCounts.Kind.TRACKER_FAULT);
      body = BencodedReplies.internalError(fault);
    }
    BencodedReplies.send(response, body);
  }

  /**
   * The client's address literal; a failure reason if the container has none (see {@link
   * ClientAddress}).
   */
  static InetAddress clientAddress(HttpServletRequest request) throws TrackerFailure {
    return ClientAddress.of(request)
        .orElseThrow(() -> new TrackerFailure("the client address is not an IP address"));
  }
}
