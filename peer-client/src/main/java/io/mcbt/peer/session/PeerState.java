package io.mcbt.peer.session;

import io.mcbt.peer.wire.PeerConnection;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the session knows about one connected peer. Guarded by the session's lock. */
final class PeerState {
  final PeerConnection connection;
  final BitSet has = new BitSet();
  final Set<BlockKey> outstanding = new LinkedHashSet<>();
  boolean amChoking = true;
  boolean amInterested;
  boolean peerChoking = true;
  boolean peerInterested;
  boolean sentBitfieldOrHave;
  long unchokedAtNanos;
  long lastBlockNanos;
  boolean snubbed;

  PeerState(PeerConnection connection) {
    this.connection = connection;
  }

  @Override
  public String toString() {
    return connection.address().toString();
  }
}
