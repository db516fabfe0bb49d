package io.mcbt.peer.session;

import io.mcbt.peer.tracker.Announce;
import io.mcbt.peer.tracker.AnnounceResult;
import io.mcbt.peer.tracker.TrackerClient;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * When to announce, and to which tracker: the torrent's HTTP trackers are tried in order until one
 * answers (BEP 12 tiers, simplified). Not thread-safe: the session calls it from its timer thread.
 */
final class Announcer {
  /** After a failed announce, try again this soon. */
  static final Duration RETRY = Duration.ofSeconds(15);

  private final List<URI> urls;
  private final TrackerClient client;
  private final Consumer<String> log;
  private long nextNanos;
  private AnnounceEvent pending = AnnounceEvent.STARTED;
  private boolean started;
  private boolean due;

  Announcer(List<String> trackers, TrackerClient client, Consumer<String> log, long nowNanos) {
    this.urls =
        trackers.stream()
            .filter(url -> url.toLowerCase(Locale.ROOT).startsWith("http"))
            .map(URI::create)
            .toList();
    this.client = client;
    this.log = log;
    this.nextNanos = nowNanos;
    if (urls.isEmpty()) {
      log.accept("the torrent names no HTTP tracker; waiting for peers to connect");
    }
  }

  /** Announces at the next tick, e.g. because the tracker restarted and forgot this peer. */
  void soon() {
    due = true;
  }

  /** Announces {@code completed} at the next tick. */
  void completed() {
    if (started) {
      pending = AnnounceEvent.COMPLETED;
      due = true;
    }
  }

  /**
   * Announces if it is time.
   *
   * @param announce builds the announce for an event from the session's current counters
   * @return the peers the tracker gave, empty when it was not time or every tracker failed
   */
  List<PeerEndpoint> announceIfDue(long nowNanos, Function<AnnounceEvent, Announce> announce)
      throws InterruptedException {
    if (urls.isEmpty() || (!due && nowNanos - nextNanos < 0)) {
      return List.of();
    }
    due = false;
    for (URI url : urls) {
      try {
        AnnounceResult result = client.announce(url, announce.apply(pending));
        started = true;
        pending = AnnounceEvent.NONE;
        nextNanos = nowNanos + result.interval().toNanos();
        return result.peers();
      } catch (IOException e) {
        log.accept("announce to " + url + " failed: " + e.getMessage());
      }
    }
    nextNanos = nowNanos + RETRY.toNanos();
    return List.of();
  }

  /** The last announce, {@code stopped}, if a {@code started} went through. Errors are logged. */
  void stopped(Announce announce) throws InterruptedException {
    if (!started) {
      return;
    }
    for (URI url : urls) {
      try {
        client.announce(url, announce);
        return;
      } catch (IOException e) {
        log.accept("announce stopped to " + url + " failed: " + e.getMessage());
      }
    }
  }
}
