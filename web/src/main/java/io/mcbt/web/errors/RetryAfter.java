package io.mcbt.web.errors;

import java.time.Duration;

/** The {@code Retry-After} header's value (RFC 9110): whole seconds, rounded up, at least 1. */
final class RetryAfter {
  private RetryAfter() {}

  static String seconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }
}
