package io.mcbt.web.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Refused requests by kind, as {@code mcbt_errors_total{kind="..."}} in {@code /metrics}. */
@ApplicationScoped
public class ErrorCounts {
  /** What was refused. */
  public enum Kind {
    ANNOUNCE_REFUSED,
    SCRAPE_REFUSED,
    API_CLIENT_ERROR,
    API_SERVER_ERROR,
    SIGNAL_MALFORMED,
    SIGNAL_REFUSED,
    TRACKER_FAULT
  }

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  public void count(Kind kind) {
    registry.counter("mcbt_errors", new Tag("kind", kind.name().toLowerCase())).inc();
  }
}
