package io.mcbt.tracker.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tracker's settings, from MicroProfile Config (so also environment variables: {@code
 * mcbt.tracker.interval-seconds} is {@code MCBT_TRACKER_INTERVAL_SECONDS}).
 */
@ApplicationScoped
public class TrackerSettings {
  @Inject
  @ConfigProperty(name = "mcbt.tracker.interval-seconds", defaultValue = "1800")
  int intervalSeconds;

  @Inject
  @ConfigProperty(name = "mcbt.tracker.min-interval-seconds", defaultValue = "60")
  int minIntervalSeconds;

  /** Track any torrent announced, not only those published to the index. */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.open", defaultValue = "false")
  boolean open;

  @Inject
  @ConfigProperty(name = "mcbt.tracker.numwant-default", defaultValue = "50")
  int numWantDefault;

  @Inject
  @ConfigProperty(name = "mcbt.tracker.numwant-max", defaultValue = "200")
  int numWantMax;

  /** The UDP tracker's port (BEP 15); 0 turns it off. */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.udp-port", defaultValue = "6969")
  int udpPort;

  @Inject
  @ConfigProperty(name = "mcbt.tracker.udp-address", defaultValue = "0.0.0.0")
  String udpAddress;

  @Inject
  @ConfigProperty(name = "mcbt.tracker.registered-seeder-max-age-seconds", defaultValue = "86400")
  long registeredSeederMaxAgeSeconds;

  /**
   * Base URLs of the other trackers of this deployment, comma-separated (e.g. {@code
   * http://tracker2:8080}); they learn of new seeders through the outbox.
   */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.remote-urls")
  Optional<String> remoteUrls;

  public int intervalSeconds() {
    return Math.max(10, intervalSeconds);
  }

  public int minIntervalSeconds() {
    return Math.max(1, Math.min(minIntervalSeconds, intervalSeconds()));
  }

  public boolean open() {
    return open;
  }

  public int numWantDefault() {
    return Math.max(0, Math.min(numWantDefault, numWantMax()));
  }

  public int numWantMax() {
    return Math.max(1, Math.min(numWantMax, 1000));
  }

  public int udpPort() {
    return udpPort;
  }

  public String udpAddress() {
    return udpAddress;
  }

  public long registeredSeederMaxAgeSeconds() {
    return Math.max(60, registeredSeederMaxAgeSeconds);
  }

  public List<String> remoteUrls() {
    return Arrays.stream(remoteUrls.orElse("").split(","))
        .map(String::trim)
        .filter(url -> !url.isEmpty())
        .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
        .toList();
  }
}
