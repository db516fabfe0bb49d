package io.mcbt.grouping;

/**
 * One member of a group, as the group last heard of it.
 *
 * @param peerId its id on the signalling channel
 * @param rttNs its RTT to the sender
 * @param joinedAtNs when it joined
 * @param lateJoiner whether it joined after the group started sending
 * @param bytesDone verified bytes it reported
 * @param done whether it has every piece
 * @param gone whether it left (WebSocket closed) before finishing
 */
public record Member(
    String peerId,
    long rttNs,
    long joinedAtNs,
    boolean lateJoiner,
    long bytesDone,
    boolean done,
    boolean gone) {

  Member withProgress(long bytes) {
    return new Member(
        peerId, rttNs, joinedAtNs, lateJoiner, Math.max(bytesDone, bytes), done, gone);
  }

  Member finished() {
    return new Member(peerId, rttNs, joinedAtNs, lateJoiner, bytesDone, true, gone);
  }

  Member departed() {
    return new Member(peerId, rttNs, joinedAtNs, lateJoiner, bytesDone, done, true);
  }

  /** Nothing more will come from it: finished or gone. */
  boolean settled() {
    return done || gone;
  }
}
