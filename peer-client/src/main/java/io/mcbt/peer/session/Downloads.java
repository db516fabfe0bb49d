package io.mcbt.peer.session;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.wire.AllowedFastSet;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What we ask peers for (BEP 3): interest, requests pipelined rarest first and duplicated in the
 * endgame, blocks written and pieces verified, snubbing peers relieved of their requests. With BEP
 * 6, rejected requests go back to the pool and allowed-fast pieces are requested while choked.
 * Called under the swarm's lock.
 */
final class Downloads {
  /** Requests kept in flight per peer: enough to fill a fast link, few enough to share work. */
  static final int PIPELINE_DEPTH = 16;

  /**
   * A peer that has sent no block for this long while we wait for some is snubbing us: its requests
   * go back to the pool for other peers, and it gets one request at a time until it delivers again.
   */
  static final long SNUB_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final PieceTracker tracker;
  private final PieceState state;
  private final Info info;
  private final Collection<PeerState> peers;
  private final PiecePicker picker;
  private final LongSupplier nanoTime;
  private final Consumer<String> log;
  private final Runnable completed;
  private final Map<Integer, PieceDownload> active = new HashMap<>();
  private final int[] availability;
  private final AtomicLong downloadedBytes = new AtomicLong();

  /**
   * @param peers the swarm's live view of its peers
   * @param completed called once when the last piece is verified
   */
  Downloads(
      PieceTracker tracker,
      Collection<PeerState> peers,
      Random random,
      LongSupplier nanoTime,
      Consumer<String> log,
      Runnable completed) {
    this.tracker = tracker;
    this.state = tracker.state();
    this.info = tracker.store().info();
    this.peers = peers;
    this.picker = new PiecePicker(random);
    this.nanoTime = nanoTime;
    this.log = log;
    this.completed = completed;
    this.availability = new int[info.pieceCount()];
  }

  long downloadedBytes() {
    return downloadedBytes.get();
  }

  /** The peer has {@code piece}, by have, bitfield or have all. */
  void gained(PeerState peer, int piece) {
    if (!peer.has.get(piece)) {
      peer.has.set(piece);
      availability[piece]++;
    }
  }

  /** Tells the peer whether we want anything it has, and asks for it if we may. */
  void updateInterest(PeerState peer) {
    BitSet wanted = state.wanted();
    wanted.and(peer.has);
    boolean interested = !wanted.isEmpty();
    if (interested != peer.amInterested) {
      peer.amInterested = interested;
      peer.connection.send(interested ? PeerMessage.INTERESTED : PeerMessage.NOT_INTERESTED);
      if (!interested) {
        dropRequests(peer);
      }
    }
    fillRequests(peer);
  }

  /** The peer choked us: its requests go back to the pool, but for allowed-fast pieces (BEP 6). */
  void choked(PeerState peer) {
    peer.peerChoking = true;
    for (Iterator<BlockKey> it = peer.outstanding.iterator(); it.hasNext(); ) {
      BlockKey key = it.next();
      if (!peer.fast || !peer.allowedFastFromPeer.contains(key.piece())) {
        unrequest(key);
        it.remove();
      }
    }
    fillAll();
  }

  void unchoked(PeerState peer) {
    peer.peerChoking = false;
    peer.rejected.clear();
    fillRequests(peer);
  }

  /** BEP 6: the peer will not send this block; someone else may. */
  void rejected(PeerState peer, RejectRequest reject) {
    if (reject.begin() % PieceDownload.BLOCK_BYTES != 0) {
      return;
    }
    BlockKey key = new BlockKey(reject.index(), reject.begin() / PieceDownload.BLOCK_BYTES);
    if (peer.outstanding.remove(key)) {
      unrequest(key);
      peer.rejected.add(key);
      fillAll();
    }
  }

  /** BEP 6: the peer lets us request {@code piece} while it chokes us. */
  void allowedFast(PeerState peer, int piece) {
    if (peer.allowedFastFromPeer.size() < 4 * AllowedFastSet.DEFAULT_SIZE) {
      peer.allowedFastFromPeer.add(piece);
      fillRequests(peer);
    }
  }

  /** A block arrived: written, and its piece verified once complete. */
  void received(PeerState peer, Piece piece) {
    PieceDownload download = active.get(piece.index());
    if (download == null || !download.isBlock(piece.begin(), piece.length())) {
      return; // not asked for, or already complete: a late duplicate
    }
    BlockKey key = new BlockKey(piece.index(), piece.begin() / PieceDownload.BLOCK_BYTES);
    if (peer.outstanding.remove(key)) {
      download.unrequested(key.block());
    }
    if (download.isReceived(key.block())) {
      fillRequests(peer);
      return;
    }
    tracker.writeBlock(piece.index(), piece.begin(), piece.block());
    download.receive(key.block());
    downloadedBytes.addAndGet(piece.length());
    peer.downloaded.add(piece.length());
    peer.lastBlockNanos = nanoTime.getAsLong();
    peer.snubbed = false;
    cancelDuplicates(peer, key, piece.length());
    if (download.isComplete()) {
      active.remove(piece.index());
      finish(piece.index());
    }
    fillRequests(peer);
  }

  private void finish(int piece) {
    if (!tracker.verifyPiece(piece)) {
      log.accept("piece " + piece + " failed its hash check; fetching it again");
      return;
    }
    for (PeerState other : peers) {
      other.connection.send(new Have(piece));
    }
    if (state.isComplete()) {
      for (PeerState other : peers) {
        updateInterest(other);
      }
      completed.run();
    }
  }

  /** Endgame: the block came, so the other peers asked for it need not send it. */
  private void cancelDuplicates(PeerState from, BlockKey key, int length) {
    for (PeerState other : peers) {
      if (other != from && other.outstanding.remove(key)) {
        other.connection.send(new PeerMessage.Cancel(key.piece(), key.begin(), length));
        active.get(key.piece()).unrequested(key.block());
      }
    }
  }

  /** The peer is gone: what it had and what it was asked for no longer count. */
  void left(PeerState peer) {
    for (int i = peer.has.nextSetBit(0); i >= 0; i = peer.has.nextSetBit(i + 1)) {
      availability[i]--;
    }
    dropRequests(peer);
  }

  void fillAll() {
    for (PeerState peer : peers) {
      fillRequests(peer);
    }
  }

  /**
   * Keeps the peer's pipeline full while it lets us download: all of it when it unchokes us, its
   * allowed-fast pieces while it chokes us.
   */
  void fillRequests(PeerState peer) {
    boolean fastOnly = peer.peerChoking;
    if ((fastOnly && (!peer.fast || peer.allowedFastFromPeer.isEmpty()))
        || !peer.amInterested
        || peer.connection.isClosed()) {
      return;
    }
    while (peer.outstanding.size() < (peer.snubbed ? 1 : peer.pipelineDepth)) {
      BlockKey next = nextBlock(peer, fastOnly);
      if (next == null) {
        return;
      }
      if (peer.outstanding.isEmpty()) {
        peer.lastBlockNanos = nanoTime.getAsLong(); // the wait starts with the first request
      }
      PieceDownload download = active.get(next.piece());
      download.requested(next.block());
      peer.outstanding.add(next);
      peer.connection.send(
          new Request(next.piece(), next.begin(), download.blockLength(next.block())));
    }
  }

  /** A block in progress, else the first of a new rarest piece, else an endgame duplicate. */
  private BlockKey nextBlock(PeerState peer, boolean fastOnly) {
    for (PieceDownload download : active.values()) {
      if (!peer.has.get(download.piece())
          || (fastOnly && !peer.allowedFastFromPeer.contains(download.piece()))) {
        continue;
      }
      for (int block = download.nextUnrequested(0);
          block >= 0;
          block = download.nextUnrequested(block + 1)) {
        BlockKey key = new BlockKey(download.piece(), block);
        if (!peer.rejected.contains(key)) {
          return key;
        }
      }
    }
    BitSet candidates = state.wanted();
    candidates.and(peer.has);
    for (Integer piece : active.keySet()) {
      candidates.clear(piece);
    }
    if (fastOnly) {
      BitSet allowed = new BitSet();
      peer.allowedFastFromPeer.forEach(allowed::set);
      candidates.and(allowed);
    }
    int piece = picker.pick(availability, candidates);
    if (piece >= 0) {
      PieceDownload download = new PieceDownload(piece, (int) info.pieceSize(piece));
      active.put(piece, download);
      return new BlockKey(piece, download.nextUnrequested(0));
    }
    return endgameBlock(peer, fastOnly);
  }

  private BlockKey endgameBlock(PeerState peer, boolean fastOnly) {
    for (PieceDownload download : active.values()) {
      if (!peer.has.get(download.piece())
          || (fastOnly && !peer.allowedFastFromPeer.contains(download.piece()))) {
        continue;
      }
      for (int block = 0; block < download.blockCount(); block++) {
        BlockKey key = new BlockKey(download.piece(), block);
        if (!download.isReceived(block)
            && !peer.outstanding.contains(key)
            && !peer.rejected.contains(key)) {
          return key;
        }
      }
    }
    return null;
  }

  void dropRequests(PeerState peer) {
    for (BlockKey key : peer.outstanding) {
      unrequest(key);
    }
    peer.outstanding.clear();
  }

  private void unrequest(BlockKey key) {
    PieceDownload download = active.get(key.piece());
    if (download != null) {
      download.unrequested(key.block());
    }
  }

  /** Takes work away from peers that sent nothing for {@link #SNUB_NANOS}. */
  void checkSnubbing(long nowNanos) {
    boolean freed = false;
    for (PeerState peer : peers) {
      if (!peer.snubbed
          && !peer.outstanding.isEmpty()
          && nowNanos - peer.lastBlockNanos > SNUB_NANOS) {
        peer.snubbed = true;
        dropRequests(peer);
        freed = true;
        log.accept(peer + " sent nothing for " + SNUB_NANOS / 1_000_000_000 + " s; asking others");
      }
    }
    if (freed) {
      fillAll();
    }
  }
}
