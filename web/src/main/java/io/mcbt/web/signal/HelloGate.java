package io.mcbt.web.signal;

import io.mcbt.grouping.application.GroupingSettings;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import io.mcbt.tracker.application.SwarmService;
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
 * time, so a hello that comes first is checked again for a few seconds before it is refused.
 */
@ApplicationScoped
public class HelloGate {
  static final long GRACE_MS = 5_000;
  private static final long CHECK_EVERY_MS = 200;

  @Inject SwarmService swarms;
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
    recheck(hello, from, System.nanoTime() + GRACE_MS * 1_000_000, admitted, refused);
  }

  private void recheck(
      SignalMessage.Hello hello,
      InetAddress from,
      long deadlineNs,
      Runnable admitted,
      Consumer<String> refused) {
    Optional<InfoHash> missing = unannounced(hello, from);
    if (missing.isEmpty()) {
      admitted.run();
    } else if (System.nanoTime() - deadlineNs >= 0) {
      refused.accept(
          "announce "
              + missing.get().hex()
              + " to this tracker from "
              + from.getHostAddress()
              + " before saying hello");
    } else {
      scheduler.schedule(
          () -> recheck(hello, from, deadlineNs, admitted, refused),
          CHECK_EVERY_MS,
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
