package io.mcbt.web.signal;

import io.mcbt.grouping.application.GroupingSettings;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import io.mcbt.tracker.TrackerFailure;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.tracker.application.TrackerGate;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lets a hello through only from an address that announced every torrent it names (see {@code
 * mcbt.groups.require-announce}). A client announces and opens its WebSocket at about the same
 * time, so a hello that comes first is checked again a few times over five seconds before it is
 * refused. A check looks through the swarm's peers, so each torrent a hello names counts against
 * its address's tracker rate ({@link TrackerGate}), like an announce.
 */
@ApplicationScoped
public class HelloGate {
  /** When to check again after the first check, in milliseconds: 5 s in all. */
  private static final long[] RECHECK_AFTER_MS = {250, 750, 1_500, 2_500};

  @Inject SwarmService swarms;
  @Inject TrackerGate trackerGate;
  @Inject GroupingSettings settings;
  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * Runs {@code admitted} once the hello may go through, or {@code refused} with the reason after
   * the grace period. Either may run on another thread.
   */
  void check(
      SignalMessage.Hello hello, InetAddress from, Runnable admitted, Consumer<String> refused) {
    if (!settings.requireAnnounce()) {
      admitted.run();
      return;
    }
    try {
      for (int i = hello.wants().size() + hello.holds().size(); i > 0; i--) {
        trackerGate.admit(from);
      }
    } catch (TrackerFailure failure) {
      refused.accept(failure.getMessage());
      return;
    }
    recheck(hello, from, 0, admitted, refused);
  }

  private void recheck(
      SignalMessage.Hello hello,
      InetAddress from,
      int rechecks,
      Runnable admitted,
      Consumer<String> refused) {
    Optional<InfoHash> missing = unannounced(hello, from);
    if (missing.isEmpty()) {
      admitted.run();
    } else if (rechecks == RECHECK_AFTER_MS.length) {
      refused.accept(
          "announce "
              + missing.get().hex()
              + " to this tracker from "
              + from.getHostAddress()
              + " before saying hello");
    } else {
      scheduler.schedule(
          () -> recheck(hello, from, rechecks + 1, admitted, refused),
          RECHECK_AFTER_MS[rechecks],
          TimeUnit.MILLISECONDS);
    }
  }

  /** The first torrent the hello names that its address has not announced lately, if any. */
  Optional<InfoHash> unannounced(SignalMessage.Hello hello, InetAddress from) {
    return Stream.concat(hello.wants().stream(), hello.holds().stream())
        .filter(infoHash -> !swarms.announcedFrom(infoHash, from))
        .findFirst();
  }
}
