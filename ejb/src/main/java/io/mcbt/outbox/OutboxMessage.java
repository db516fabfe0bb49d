package io.mcbt.outbox;

import java.time.Duration;

/** Field names of an outbox document, and the retry schedule. */
final class OutboxMessage {
  static final String URL = "url";
  static final String BODY = "body";
  static final String ATTEMPTS = "attempts";
  static final String CREATED_AT = "createdAt";
  static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
  static final String LAST_ERROR = "lastError";

  static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  static final Duration MAX_RETRY = Duration.ofMinutes(10);

  private OutboxMessage() {}

  /** 2 s, 4 s, 8 s ... up to 10 minutes: a tracker down for hours is still reached. */
  static Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(0, attempts - 1), 20);
    Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }
}
