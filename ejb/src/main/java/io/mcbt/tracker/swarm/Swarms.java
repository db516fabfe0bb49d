package io.mcbt.tracker.swarm;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.ScrapeCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Every swarm this tracker knows, by info-hash. Each swarm locks itself, so announces to different
 * torrents never wait for each other.
 */
public final class Swarms {
  private final ConcurrentHashMap<InfoHash, Swarm> swarms = new ConcurrentHashMap<>();
  private final ToLongFunction<InfoHash> downloadedSoFar;

  /**
   * @param downloadedSoFar completed downloads already stored for a torrent, read once when its
   *     swarm is first needed
   */
  public Swarms(ToLongFunction<InfoHash> downloadedSoFar) {
    this.downloadedSoFar = downloadedSoFar;
  }

  public Swarm.Outcome announce(AnnounceRequest request, long nowNs, RandomGenerator random) {
    while (true) {
      Swarm.Outcome outcome = swarm(request.infoHash()).announce(request, nowNs, random);
      if (outcome != null) {
        return outcome;
      }
    }
  }

  /** Records an announce another instance of the cluster answered (see {@link Swarm#replay}). */
  public void replay(AnnounceRequest request, long nowNs) {
    while (!swarm(request.infoHash()).replay(request, nowNs)) {
      Thread.onSpinWait();
    }
  }

  public void register(InfoHash infoHash, PeerEndpoint seeder, long nowNs) {
    while (!swarm(infoHash).register(seeder, nowNs)) {
      Thread.onSpinWait();
    }
  }

  /** Counts for a scrape; a torrent nobody announced has zeros. */
  public ScrapeCounts counts(InfoHash infoHash) {
    Swarm swarm = swarms.get(infoHash);
    return swarm == null
        ? new ScrapeCounts(0, downloadedSoFar.applyAsLong(infoHash), 0)
        : swarm.counts();
  }

  /** Drops peers gone quiet, then swarms left empty. Returns the number of peers dropped. */
  public int expire(long nowNs, long maxAgeNs, long registeredMaxAgeNs) {
    int dropped = 0;
    for (Map.Entry<InfoHash, Swarm> entry : swarms.entrySet()) {
      Swarm swarm = entry.getValue();
      dropped += swarm.expire(nowNs, maxAgeNs, registeredMaxAgeNs);
      if (swarm.retireIfEmpty()) {
        swarms.remove(entry.getKey(), swarm);
      }
    }
    return dropped;
  }

  /** Completed downloads since the last call, by torrent; each swarm's count starts again. */
  public Map<InfoHash, Long> takeUnflushedDownloads() {
    return takeUnflushedDownloads(infoHash -> false);
  }

  /** The same, leaving out the torrents that {@code keep} names (they keep their counts). */
  public Map<InfoHash, Long> takeUnflushedDownloads(Predicate<InfoHash> keep) {
    Map<InfoHash, Long> counts = new HashMap<>();
    swarms.forEach(
        (infoHash, swarm) -> {
          if (keep.test(infoHash)) {
            return;
          }
          long count = swarm.takeUnflushedDownloads();
          if (count > 0) {
            counts.put(infoHash, count);
          }
        });
    return counts;
  }

  public void restoreUnflushedDownloads(InfoHash infoHash, long count) {
    while (!swarm(infoHash).restoreUnflushedDownloads(count)) {
      Thread.onSpinWait();
    }
  }

  /**
   * Adds the stored count of a swarm that began without it (the store was down then). Nothing to do
   * when the swarm has gone: a new one reads the store itself.
   */
  public void addStoredDownloads(InfoHash infoHash, long count) {
    Swarm swarm = swarms.get(infoHash);
    if (swarm != null) {
      swarm.addStoredDownloads(count);
    }
  }

  /**
   * Whether a peer at {@code address} announced this torrent itself (not a seeder registered by the
   * index) at or after {@code sinceNs}.
   */
  public boolean announcedFrom(InfoHash infoHash, byte[] address, long sinceNs) {
    Swarm swarm = swarms.get(infoHash);
    return swarm != null && swarm.announcedFrom(address, sinceNs);
  }

  /** Totals over every swarm. */
  public record Totals(int torrents, int seeders, int leechers) {}

  public Totals totals() {
    int torrents = 0;
    int seeders = 0;
    int leechers = 0;
    for (Swarm swarm : swarms.values()) {
      ScrapeCounts counts = swarm.counts();
      torrents++;
      seeders += counts.complete();
      leechers += counts.incomplete();
    }
    return new Totals(torrents, seeders, leechers);
  }

  private Swarm swarm(InfoHash infoHash) {
    Swarm swarm = swarms.get(infoHash);
    if (swarm != null) {
      return swarm;
    }
    // Read the stored count outside the map's lock: it may be a database call.
    long downloaded = downloadedSoFar.applyAsLong(infoHash);
    return swarms.computeIfAbsent(infoHash, hash -> new Swarm(downloaded));
  }
}
