package io.mcbt.web.operations;

import io.mcbt.grouping.application.Signalling;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.tracker.application.TrackerGate;
import io.mcbt.tracker.application.TrackerStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The server's own figures in {@code /metrics} (application scope): announces, swarms, peers and
 * active groups, read from the services when scraped, so nothing is counted twice.
 */
@ApplicationScoped
public class ServerMetrics {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Inject SwarmService swarms;
  @Inject Signalling signalling;
  @Inject TrackerGate gate;

  void register(@Observes @Initialized(ApplicationScoped.class) Object start) {
    registry.gauge("mcbt_tracker_announces", swarms, s -> stats(s).announces());
    registry.gauge("mcbt_tracker_torrents", swarms, s -> stats(s).torrents());
    registry.gauge("mcbt_tracker_tracked_torrents", swarms, s -> stats(s).trackedTorrents());
    registry.gauge("mcbt_tracker_seeders", swarms, s -> stats(s).seeders());
    registry.gauge("mcbt_tracker_leechers", swarms, s -> stats(s).leechers());
    registry.gauge("mcbt_tracker_throttled", gate, TrackerGate::throttled);
    registry.gauge("mcbt_groups_active", signalling, g -> g.activeGroups().size());
    registry.gauge("mcbt_groups_bytes_multicast", signalling, Signalling::bytesMulticast);
    registry.gauge("mcbt_groups_nacks", signalling, Signalling::nacks);
  }

  private static TrackerStats stats(SwarmService swarms) {
    return swarms.stats(0);
  }
}
