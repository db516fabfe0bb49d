package io.mcbt.grouping.application;

import io.mcbt.signal.SignalMessage;

/** A group's timers, from its slowest member's RTT: this is why groups are formed by RTT. */
final class GroupTimers {
  private GroupTimers() {}

  static SignalMessage.Timers forSlowestRtt(long rttNs) {
    long rttMs = Math.max(1, rttNs / 1_000_000);
    return new SignalMessage.Timers(
        Math.max(10, 4 * rttMs), Math.max(2, rttMs), Math.max(100, 10 * rttMs));
  }
}
