package io.mcbt.tracker.application;

import com.mongodb.MongoException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The tracker's lifecycle: at start it reloads the registrations from MongoDB into the {@link
 * SwarmService}; it records new registrations durably; its timers expire silent peers and store
 * completed-download counts. The peer lists themselves are rebuilt from announces after a restart,
 * as clients announce every interval anyway.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Tracker {
  private static final Logger LOG = Logger.getLogger(Tracker.class.getName());

  @Inject TrackerSettings settings;
  @Inject RegistrationRepository registrations;
  @Inject SwarmService swarms;
  @Inject SwarmReplication replication;

  private volatile boolean registrationsLoaded;

  @PostConstruct
  void start() {
    loadRegistrations();
    replication.start();
    LOG.info(
        () ->
            String.format(
                "Tracker ready: %s, interval %d s, %d torrents tracked",
                settings.open() ? "open to any torrent" : "torrents of the index only",
                settings.intervalSeconds(),
                swarms.trackedTorrents()));
  }

  /** Records a registration durably, then applies it: the seeder is in the very next reply. */
  public void register(SeederRegistration registration) {
    registrations.save(registration);
    swarms.apply(registration);
    replication.registered(registration);
  }

  @PreDestroy
  void stop() {
    replication.stop();
  }

  @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
  void expirePeers() {
    if (!registrationsLoaded) {
      loadRegistrations();
    }
    int dropped = swarms.expire();
    if (dropped > 0) {
      LOG.fine(() -> "Expired " + dropped + " silent peers");
    }
  }

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void flushDownloadCounts() {
    swarms.flushDownloadCounts();
  }

  private void loadRegistrations() {
    try {
      registrations.all().forEach(swarms::apply);
      registrationsLoaded = true;
    } catch (MongoException e) {
      LOG.warning("Could not load registrations yet, will retry: " + e.getMessage());
    }
  }
}
