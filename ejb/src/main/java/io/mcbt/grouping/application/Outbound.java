package io.mcbt.grouping.application;

import io.mcbt.signal.SignalMessage;

/**
 * A message for one peer's WebSocket. Fired as a CDI event, so that the grouping service never
 * holds a WebSocket session; the web layer delivers it.
 *
 * @param peerId the peer, as it named itself in its {@code hello}
 * @param message what to send
 * @param relayed whether it came from the coordinating instance of a cluster (so it is delivered
 *     here and not passed on again)
 */
public record Outbound(String peerId, SignalMessage message, boolean relayed) {
  public Outbound(String peerId, SignalMessage message) {
    this(peerId, message, false);
  }
}
