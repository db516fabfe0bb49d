package io.mcbt.tracker.application;

import com.mongodb.MongoException;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.platform.MongoStore;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.ScrapeCounts;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.swarm.Swarms;
import io.mcbt.tracker.swarm.TrackerCore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The swarms in memory and the whitelist, for the announce path. A plain CDI bean rather than an
 * EJB: every announce of every client comes through here, and a container call per announce cost
 * more than the announce itself. The {@link Tracker} EJB runs its lifecycle and timers.
 */
@ApplicationScoped
public class SwarmService {
  private static final Logger LOG = Logger.getLogger(SwarmService.class.getName());

  @Inject TrackerSettings settings;
  @Inject DownloadCounts downloadCounts;
  @Inject MongoStore store;
  @Inject SwarmReplication replication;

  private final Set<InfoHash> trackedTorrents = ConcurrentHashMap.newKeySet();

  /**
   * Swarms that began while the store was down, with no stored count: the timer reads it later.
   * Their own completions are not flushed until then, so the read counts none of them twice.
   */
  private final Set<InfoHash> countsToRead = ConcurrentHashMap.newKeySet();

  private final AnnounceRate announceRate = new AnnounceRate();
  private TrackerCore core;

  @PostConstruct
  void start() {
    core =
        new TrackerCore(
            new Swarms(this::storedDownloads),
            infoHash -> settings.open() || trackedTorrents.contains(infoHash),
            new TrackerCore.Settings(
                settings.intervalSeconds(),
                settings.minIntervalSeconds(),
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()),
                settings.registeredSeederMaxAgeSeconds()),
            new ThreadLocalRandomGenerator());
  }

  public AnnounceReply announce(AnnounceRequest request) throws TrackerFailure {
    AnnounceReply reply = core.announce(request, System.nanoTime());
    replication.answered(request);
    return reply;
  }

  /** An announce another instance of the cluster answered. */
  void replay(AnnounceRequest request, long nowNs) {
    if (settings.open() || trackedTorrents.contains(request.infoHash())) {
      core.swarms().replay(request, nowNs);
    }
  }

  public Map<InfoHash, ScrapeCounts> scrape(Set<InfoHash> infoHashes) {
    return core.scrape(infoHashes);
  }

  /** Tracks the registration's torrent and offers its seeder, if any. */
  void apply(SeederRegistration registration) {
    trackedTorrents.add(registration.infoHash());
    registration
        .seeder()
        .ifPresent(
            seeder -> core.registerSeeder(registration.infoHash(), seeder, System.nanoTime()));
  }

  /**
   * Whether a peer at {@code address} announced this torrent (HTTP or UDP) within the last two
   * intervals.
   */
  public boolean announcedFrom(InfoHash infoHash, InetAddress address) {
    long sinceNs = System.nanoTime() - 2L * settings.intervalSeconds() * 1_000_000_000L;
    return core.swarms().announcedFrom(infoHash, address.getAddress(), sinceNs);
  }

  int expire() {
    return core.expire(System.nanoTime());
  }

  /** Writes completed-download counts to the store; what fails is kept for the next time. */
  void flushDownloadCounts() {
    announceRate.sample(core.announceCount(), System.nanoTime());
    readPutOffCounts();
    Map<InfoHash, Long> completed = core.swarms().takeUnflushedDownloads(countsToRead::contains);
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

  int trackedTorrents() {
    return trackedTorrents.size();
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

  /**
   * The stored count for a new swarm. On the announce path, so it never waits for a store that is
   * down: the count is read later and the swarm starts from 0 meanwhile.
   */
  private long storedDownloads(InfoHash infoHash) {
    if (!store.seemsReachable()) {
      countsToRead.add(infoHash);
      return 0;
    }
    try {
      return downloadCounts.downloaded(infoHash);
    } catch (MongoException e) {
      LOG.warning("Could not read the download count of " + infoHash + ": " + e.getMessage());
      countsToRead.add(infoHash);
      return 0;
    }
  }

  private void readPutOffCounts() {
    for (Iterator<InfoHash> pending = countsToRead.iterator(); pending.hasNext(); ) {
      InfoHash infoHash = pending.next();
      try {
        core.swarms().addStoredDownloads(infoHash, downloadCounts.downloaded(infoHash));
      } catch (MongoException e) {
        LOG.fine(() -> "Stored download counts still out of reach: " + e.getMessage());
        return;
      }
      pending.remove();
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
}
