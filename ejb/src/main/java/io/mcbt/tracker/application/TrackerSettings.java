package io.mcbt.tracker.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Announces and scrapes per second that one address (IPv4, or IPv6 /64) may make, sustained; 0
   * turns the limit off. A client announces each torrent once an interval, so even a thousand
   * torrents behind one address stay far below it.
   */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.announce-rate-per-ip", defaultValue = "20")
  double announceRatePerIp;

  /** Requests one address may make at once, e.g. a client starting many torrents. */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.announce-burst-per-ip", defaultValue = "200")
  int announceBurstPerIp;

  /**
   * Private mode: announces and scrapes only at {@code /announce/<passkey>} and {@code
   * /scrape/<passkey>}, with one of {@link #passkeys}.
   */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.private", defaultValue = "false")
  boolean privateMode;

  /** {@code user:passkey} pairs, comma-separated. */
  @Inject
  @ConfigProperty(name = "mcbt.tracker.passkeys")
  Optional<String> passkeys;

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

  public double announceRatePerIp() {
    return Math.max(0, announceRatePerIp);
  }

  public int announceBurstPerIp() {
    return Math.max(1, announceBurstPerIp);
  }

  public boolean privateMode() {
    return privateMode;
  }

  /** The configured passkeys by user; entries without a colon or with an empty side are skipped. */
  public Map<String, String> passkeysByUser() {
    Map<String, String> byUser = new LinkedHashMap<>();
    for (String entry : passkeys.orElse("").split(",")) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        String user = entry.substring(0, colon).trim();
        String key = entry.substring(colon + 1).trim();
        if (!user.isEmpty() && !key.isEmpty()) {
          byUser.put(user, key);
        }
      }
    }
    return byUser;
  }

  public List<String> remoteUrls() {
    return Arrays.stream(remoteUrls.orElse("").split(","))
        .map(String::trim)
        .filter(url -> !url.isEmpty())
        .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
        .toList();
  }
}
