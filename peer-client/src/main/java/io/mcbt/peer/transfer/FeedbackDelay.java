package io.mcbt.peer.transfer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a member waits before answering a status request, so that a group's NACKs arrive spread
 * over the reply window rather than all at once (the idea of RFC 5401's feedback timers, without
 * suppression: the sender needs every member's answer to know who is complete).
 */
public interface FeedbackDelay {
  long delayNs(long windowNs);

  /** Uniform over the window. */
  FeedbackDelay RANDOM =
      windowNs -> windowNs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(windowNs);

  /** No delay, for tests. */
  FeedbackDelay NONE = windowNs -> 0;
}
