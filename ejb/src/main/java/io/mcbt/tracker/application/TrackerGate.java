package io.mcbt.tracker.application;

import io.mcbt.platform.RateLimiter;
import io.mcbt.tracker.TrackerFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Who may use the tracker, asked by the HTTP and UDP adapters before the announce core: a rate
 * limit per client address ({@link RateLimiter}) and, in private mode, a passkey. The rate limit
 * comes first, so that guessing passkeys is as slow as announcing.
 */
@ApplicationScoped
public class TrackerGate {
  /** Addresses remembered at most: 64 Ki, 1 MiB. */
  static final int ADDRESSES = 1 << 16;

  private static final Logger LOG = Logger.getLogger(TrackerGate.class.getName());

  @Inject TrackerSettings settings;

  private final LongAdder throttled = new LongAdder();
  private RateLimiter limiter;

  /** Users by the SHA-256 of their passkey, so lookups take no time that depends on the key. */
  private Map<String, String> usersByKeyDigest;

  @PostConstruct
  void start() {
    limiter =
        new RateLimiter(settings.announceRatePerIp(), settings.announceBurstPerIp(), ADDRESSES);
    Map<String, String> byDigest = new HashMap<>();
    settings.passkeysByUser().forEach((user, key) -> byDigest.put(digest(key), user));
    usersByKeyDigest = Map.copyOf(byDigest);
    if (settings.privateMode()) {
      LOG.info(() -> "Tracker is private: " + usersByKeyDigest.size() + " passkeys");
      if (usersByKeyDigest.isEmpty()) {
        LOG.warning(
            "Private tracker without passkeys (mcbt.tracker.passkeys): nobody can announce");
      }
    }
  }

  /**
   * Counts one announce or scrape from {@code address}.
   *
   * @throws TrackerFailure when the address is over its rate
   */
  public void admit(InetAddress address) throws TrackerFailure {
    long waitNs = limiter.acquire(RateLimiter.keyOf(address), System.nanoTime());
    if (waitNs > 0) {
      throttled.increment();
      throw new TrackerFailure(
          "too many requests from your address: try again in "
              + Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNs + 999_999_999))
              + " s");
    }
  }

  /**
   * Checks the passkey of an HTTP announce or scrape ({@code /announce/<passkey>}). Without private
   * mode any passkey, or none, is fine.
   *
   * @param passkey the path's last segment, or null when there was none
   * @throws TrackerFailure in private mode, for a missing or unknown passkey
   */
  public void checkPasskey(String passkey) throws TrackerFailure {
    if (!settings.privateMode()) {
      return;
    }
    if (passkey == null || passkey.isEmpty()) {
      throw new TrackerFailure(
          "this tracker is private: announce at /announce/<passkey> with your passkey");
    }
    if (!usersByKeyDigest.containsKey(digest(passkey))) {
      throw new TrackerFailure("unknown passkey");
    }
  }

  /**
   * A UDP announce or scrape: rate-limited, and refused in private mode (BEP 15 has no passkey).
   */
  public void admitUdp(InetAddress address) throws TrackerFailure {
    admit(address);
    if (settings.privateMode()) {
      throw new TrackerFailure(
          "this tracker is private: announce over HTTP at /announce/<passkey>");
    }
  }

  public boolean privateMode() {
    return settings.privateMode();
  }

  /** Requests refused for their address's rate since the start. */
  public long throttled() {
    return throttled.sum();
  }

  private static String digest(String passkey) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(passkey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
