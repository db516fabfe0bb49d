package io.mcbt.index.application;

import io.mcbt.platform.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;

/** The upload limit per client address ({@code mcbt.index.upload-rate-per-minute}). */
@ApplicationScoped
public class UploadRate {
  /** Addresses remembered at most. */
  static final int ADDRESSES = 1 << 12;

  @Inject IndexSettings settings;
  private RateLimiter limiter;

  @PostConstruct
  void start() {
    limiter =
        new RateLimiter(settings.uploadRatePerMinute() / 60, settings.uploadBurst(), ADDRESSES);
  }

  /**
   * Counts one upload from {@code address}.
   *
   * @return zero if it may go ahead, else how long until the address may upload again
   */
  public Duration acquire(InetAddress address) {
    return Duration.ofNanos(limiter.acquire(RateLimiter.keyOf(address), System.nanoTime()));
  }
}
