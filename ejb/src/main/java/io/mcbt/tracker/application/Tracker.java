package io.mcbt.tracker.application;

import com.mongodb.MongoException;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.ScrapeCounts;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.swarm.Swarms;
import io.mcbt.tracker.swarm.TrackerCore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracker: owns the swarms in memory and answers announces and scrapes for the HTTP and UDP
 * adapters. Registrations and completed-download counts are kept in MongoDB; the peer lists are
 * rebuilt from announces after a restart, as clients announce every interval anyway.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Tracker {
  private static final Logger LOG = Logger.getLogger(Tracker.class.getName());

  @Inject TrackerSettings settings;
  @Inject RegistrationRepository registrations;
  @Inject DownloadCounts downloadCounts;

  private final Set<InfoHash> trackedTorrents = ConcurrentHashMap.newKeySet();
  private volatile boolean registrationsLoaded;
  private TrackerCore core;
  private final AnnounceRate announceRate = new AnnounceRate();

  @PostConstruct
  void start() {
    String trackerId = HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
    core =
        new TrackerCore(
            new Swarms(this::storedDownloads),
            infoHash -> settings.open() || trackedTorrents.contains(infoHash),
            new TrackerCore.Settings(
                settings.intervalSeconds(),
                settings.minIntervalSeconds(),
                trackerId,
                settings.registeredSeederMaxAgeSeconds()),
            new ThreadLocalRandomGenerator());
    loadRegistrations();
    LOG.info(
        () ->
            String.format(
                "Tracker ready: %s, interval %d s, %d torrents tracked",
                settings.open() ? "open to any torrent" : "torrents of the index only",
                settings.intervalSeconds(),
                trackedTorrents.size()));
  }

  public AnnounceReply announce(AnnounceRequest request) throws TrackerFailure {
    return core.announce(request, System.nanoTime());
  }

  public Map<InfoHash, ScrapeCounts> scrape(Set<InfoHash> infoHashes) {
    return core.scrape(infoHashes);
  }

  /** Records a registration durably, then applies it: the seeder is in the very next reply. */
  public void register(SeederRegistration registration) {
    registrations.save(registration);
    apply(registration);
  }

  public TrackerStats stats(long registrationsPending) {
    Swarms.Totals totals = core.swarms().totals();
    return new TrackerStats(
        totals.torrents(),
        trackedTorrents.size(),
        totals.seeders(),
        totals.leechers(),
        core.announceCount(),
        announceRate.perSecond(),
        registrationsPending,
        settings.open());
  }

  @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
  void expirePeers() {
    if (!registrationsLoaded) {
      loadRegistrations();
    }
    int dropped = core.expire(System.nanoTime());
    if (dropped > 0) {
      LOG.fine(() -> "Expired " + dropped + " silent peers");
    }
  }

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void flushDownloadCounts() {
    announceRate.sample(core.announceCount(), System.nanoTime());
    Map<InfoHash, Long> completed = core.swarms().takeUnflushedDownloads();
    if (completed.isEmpty()) {
      return;
    }
    try {
      downloadCounts.add(completed);
    } catch (MongoException e) {
      completed.forEach(core.swarms()::restoreUnflushedDownloads);
      LOG.warning("Could not store download counts, will retry: " + e.getMessage());
    }
  }

  private void loadRegistrations() {
    try {
      registrations.all().forEach(this::apply);
      registrationsLoaded = true;
    } catch (MongoException e) {
      LOG.log(Level.WARNING, "Could not load registrations yet, will retry: " + e.getMessage());
    }
  }

  private void apply(SeederRegistration registration) {
    trackedTorrents.add(registration.infoHash());
    registration
        .seeder()
        .ifPresent(
            seeder -> core.registerSeeder(registration.infoHash(), seeder, System.nanoTime()));
  }

  private long storedDownloads(InfoHash infoHash) {
    try {
      return downloadCounts.downloaded(infoHash);
    } catch (MongoException e) {
      LOG.warning("Could not read the download count of " + infoHash + ": " + e.getMessage());
      return 0;
    }
  }

  /** Announces per second between the last two samples. */
  private static final class AnnounceRate {
    private long lastCount;
    private long lastNs = System.nanoTime();
    private volatile double perSecond;

    synchronized void sample(long count, long nowNs) {
      if (nowNs > lastNs) {
        perSecond = (count - lastCount) * 1e9 / (nowNs - lastNs);
      }
      lastCount = count;
      lastNs = nowNs;
    }

    double perSecond() {
      return perSecond;
    }
  }

  private static byte[] longBytes(long value) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (value >>> (56 - 8 * i));
    }
    return bytes;
  }
}
