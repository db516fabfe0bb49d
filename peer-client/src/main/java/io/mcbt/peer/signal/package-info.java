/**
 * The peer's side of the signalling WebSocket {@code /ws/peer}: say hello, probe the candidate
 * senders, report the RTTs, and learn the multicast group.
 */
package io.mcbt.peer.signal;
