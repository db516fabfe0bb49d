/**
 * Multicast groups: leechers of the same torrent, closest to the same sender and in the same RTT
 * band, are put into one group that a single multicast transmission serves. Why by RTT: a multicast
 * sender runs its timers (status requests, NACK windows, rate changes) on the slowest feedback in
 * its group, so members with similar RTT share one tight set of timers.
 *
 * <p>The classes here are pure: time is passed in as {@code nowNs}, nothing does I/O, and the EJB
 * that owns them only wires them to the WebSocket and the store.
 */
package io.mcbt.grouping;
