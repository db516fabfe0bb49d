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
 * @param droppedDatagrams datagrams it dropped: forged, of another session, or malformed
 */
public record Member(
    String peerId,
    long rttNs,
    long joinedAtNs,
    boolean lateJoiner,
    long bytesDone,
    boolean done,
    boolean gone,
    long droppedDatagrams) {

  Member withProgress(long bytes, long dropped) {
    return new Member(
        peerId,
        rttNs,
        joinedAtNs,
        lateJoiner,
        Math.max(bytesDone, bytes),
        done,
        gone,
        Math.max(droppedDatagrams, dropped));
  }

  Member finished() {
    return new Member(
        peerId, rttNs, joinedAtNs, lateJoiner, bytesDone, true, gone, droppedDatagrams);
  }

  Member departed() {
    return new Member(
        peerId, rttNs, joinedAtNs, lateJoiner, bytesDone, done, true, droppedDatagrams);
  }

  /** Nothing more will come from it: finished or gone. */
  boolean settled() {
    return done || gone;
  }
}
