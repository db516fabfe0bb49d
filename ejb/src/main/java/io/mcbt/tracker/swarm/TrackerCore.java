package io.mcbt.tracker.swarm;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.ScrapeCounts;
import io.mcbt.tracker.TrackerFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The announce and scrape logic that the HTTP and UDP trackers share: the whitelist, the swarms and
 * the reply. Time is passed in, so tests drive it with a fake clock.
 */
public final class TrackerCore {
  /**
   * How the tracker behaves.
   *
   * @param intervalSeconds the announce interval given to clients
   * @param minIntervalSeconds the minimum interval given to clients
   * @param trackerId the {@code tracker id} of this tracker
   * @param registeredSeederMaxAgeSeconds how long a seeder registered by the index is offered
   *     without announcing itself
   */
  public record Settings(
      int intervalSeconds,
      int minIntervalSeconds,
      String trackerId,
      long registeredSeederMaxAgeSeconds) {

    /** Peers silent for two intervals (plus a minute's slack) have left. */
    long peerMaxAgeNs() {
      return (2L * intervalSeconds + 60) * 1_000_000_000L;
    }

    long registeredMaxAgeNs() {
      return registeredSeederMaxAgeSeconds * 1_000_000_000L;
    }
  }

  private final Swarms swarms;
  private final Predicate<InfoHash> tracked;
  private final Settings settings;
  private final RandomGenerator random;
  private final LongAdder announces = new LongAdder();

  /**
   * @param tracked whether a torrent may be tracked (the whitelist, or always true when open)
   */
  public TrackerCore(
      Swarms swarms, Predicate<InfoHash> tracked, Settings settings, RandomGenerator random) {
    this.swarms = swarms;
    this.tracked = tracked;
    this.settings = settings;
    this.random = random;
  }

  public AnnounceReply announce(AnnounceRequest request, long nowNs) throws TrackerFailure {
    if (!tracked.test(request.infoHash())) {
      throw unknown(request.infoHash());
    }
    announces.increment();
    Swarm.Outcome outcome = swarms.announce(request, nowNs, random);
    return new AnnounceReply(
        settings.intervalSeconds(),
        settings.minIntervalSeconds(),
        outcome.seeders(),
        outcome.leechers(),
        outcome.peers(),
        Optional.of(settings.trackerId()));
  }

  /** Counts for each asked torrent; torrents not tracked are left out, as BEP 48 allows. */
  public Map<InfoHash, ScrapeCounts> scrape(Set<InfoHash> infoHashes) {
    Map<InfoHash, ScrapeCounts> counts = new LinkedHashMap<>();
    for (InfoHash infoHash : infoHashes) {
      if (tracked.test(infoHash)) {
        counts.put(infoHash, swarms.counts(infoHash));
      }
    }
    return counts;
  }

  /** A seeder the index vouches for: offered to leechers before it announces. */
  public void registerSeeder(InfoHash infoHash, PeerEndpoint seeder, long nowNs) {
    swarms.register(infoHash, seeder, nowNs);
  }

  public int expire(long nowNs) {
    return swarms.expire(nowNs, settings.peerMaxAgeNs(), settings.registeredMaxAgeNs());
  }

  public Swarms swarms() {
    return swarms;
  }

  public long announceCount() {
    return announces.sum();
  }

  public Settings settings() {
    return settings;
  }

  private static TrackerFailure unknown(InfoHash infoHash) {
    return new TrackerFailure(
        "unknown torrent "
            + infoHash.hex()
            + ": this tracker only tracks torrents published to its index");
  }
}
