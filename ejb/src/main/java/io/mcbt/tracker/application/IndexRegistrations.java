package io.mcbt.tracker.application;

import io.mcbt.index.domain.TorrentPublished;
import io.mcbt.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The mission's "server tells the trackers to add the seeder-file pair": the local tracker is told
 * directly; each remote tracker of this deployment named in the torrent's announce list gets a
 * registration through the outbox, which retries until that tracker has it.
 */
@ApplicationScoped
public class IndexRegistrations {
  static final String REGISTRATIONS_PATH = "/api/tracker/registrations";
  private static final Logger LOG = Logger.getLogger(IndexRegistrations.class.getName());

  @Inject Tracker tracker;
  @Inject TrackerSettings settings;
  @Inject Outbox outbox;

  void onPublished(@Observes TorrentPublished event) {
    SeederRegistration registration =
        new SeederRegistration(event.infoHash(), event.seeder(), Instant.now());
    tracker.register(registration);
    for (String remote : remotesNamedIn(event.trackers())) {
      outbox.enqueue(remote + REGISTRATIONS_PATH, RegistrationJson.write(registration));
      LOG.info(() -> "Registration of " + event.infoHash() + " queued for " + remote);
    }
  }

  private List<String> remotesNamedIn(List<String> announceUrls) {
    return settings.remoteUrls().stream()
        .filter(remote -> announceUrls.stream().anyMatch(url -> url.startsWith(remote + "/")))
        .toList();
  }
}
