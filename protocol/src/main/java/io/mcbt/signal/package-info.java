/**
 * The signalling protocol between peers and the tracker, over the WebSocket {@code /ws/peer}: JSON
 * objects with a {@code type} and a schema version {@code v}. Peers say what they want and hold
 * ({@code hello}), measure their RTT to the candidate senders the tracker names ({@code
 * candidates}, {@code rtt-report}), and are told their multicast group ({@code group-assign}, or
 * {@code group-send} for the sender); they report {@code progress} and {@code done} until {@code
 * group-end}.
 */
package io.mcbt.signal;
