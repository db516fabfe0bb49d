package io.mcbt.peer.session;

import io.mcbt.peer.wire.PeerConnection;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the session knows about one connected peer. Guarded by the session's lock. */
final class PeerState {
  final PeerConnection connection;
  final long connectedAtNanos;
  final BitSet has = new BitSet();
  final Set<BlockKey> outstanding = new LinkedHashSet<>();
  final RateMeter downloaded;
  final RateMeter uploaded;
  boolean amChoking = true;
  boolean amInterested;
  boolean peerChoking = true;
  boolean peerInterested;
  long unchokedAtNanos;
  long lastBlockNanos;
  boolean snubbed;

  /** BEP 6: both handshakes set the fast bit. */
  boolean fast;

  /** BEP 6: pieces the peer lets us request while it chokes us. */
  final Set<Integer> allowedFastFromPeer = new HashSet<>();

  /** BEP 6: pieces we serve to the peer even while we choke it. */
  final Set<Integer> allowedFastForPeer = new HashSet<>();

  /** BEP 6: blocks the peer rejected, not asked of it again until it unchokes us. */
  final Set<BlockKey> rejected = new HashSet<>();

  /** BEP 10: the id the peer receives {@code ut_metadata} messages as; 0 if it has none. */
  int utMetadataId;

  /** Requests kept in flight to this peer: ours, lowered to the peer's BEP 10 {@code reqq}. */
  int pipelineDepth = Downloads.PIPELINE_DEPTH;

  PeerState(PeerConnection connection) {
    this(connection, 0);
  }

  PeerState(PeerConnection connection, long connectedAtNanos) {
    this.connection = connection;
    this.connectedAtNanos = connectedAtNanos;
    this.downloaded = new RateMeter(connectedAtNanos);
    this.uploaded = new RateMeter(connectedAtNanos);
  }

  @Override
  public String toString() {
    return connection == null ? "peer" : connection.address().toString();
  }
}
