package io.mcbt.peer.session;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.StorageException;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.Request;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The peers of one torrent and what we exchange with them (BEP 3): interest, choking, requests
 * (rarest first, pipelined, duplicated in the endgame) and answers to their requests. Every
 * connection's reader thread calls in; one lock guards the state.
 */
final class Swarm implements PeerConnection.Listener {
  /** Requests kept in flight per peer: enough to fill a fast link, few enough to share work. */
  static final int PIPELINE_DEPTH = 16;

  /**
   * A peer that has sent no block for this long while we wait for some is snubbing us: its requests
   * go back to the pool for other peers, and it gets one request at a time until it delivers again.
   */
  static final long SNUB_NANOS = TimeUnit.SECONDS.toNanos(30);

  /**
   * A peer with this many messages still queued gets no more answers until it reads them. Answers
   * are read from disk only when written, so the queue holds requests, not blocks.
   */
  static final int MAX_QUEUED_ANSWERS = 512;

  private final PieceTracker tracker;
  private final PieceState state;
  private final Info info;
  private final PeerId ourId;
  private final int maxPeers;
  private final PiecePicker picker;
  private final Consumer<String> log;
  private final Consumer<RuntimeException> storageFailed;
  private final Runnable completed;
  private final Map<PeerConnection, PeerState> peers = new LinkedHashMap<>();
  private final Map<Integer, PieceDownload> active = new HashMap<>();
  private final int[] availability;
  private final AtomicLong downloadedBytes = new AtomicLong();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final Choker choker;
  private final LongSupplier nanoTime;

  Swarm(
      PieceTracker tracker,
      PeerId ourId,
      int maxPeers,
      Random random,
      LongSupplier nanoTime,
      Consumer<String> log,
      Consumer<RuntimeException> storageFailed,
      Runnable completed) {
    this.tracker = tracker;
    this.state = tracker.state();
    this.info = tracker.store().info();
    this.ourId = ourId;
    this.maxPeers = maxPeers;
    this.picker = new PiecePicker(random);
    this.log = log;
    this.storageFailed = storageFailed;
    this.completed = completed;
    this.availability = new int[info.pieceCount()];
    this.nanoTime = nanoTime;
    this.choker = new Choker(random, (peer, m) -> peer.connection.send(m), nanoTime.getAsLong());
  }

  /**
   * Takes a connection whose handshake succeeded and starts it; closes it instead when we are full,
   * when it is ourselves, or when that peer is connected already.
   */
  synchronized boolean register(PeerConnection connection) {
    PeerId id = connection.remote().peerId();
    PeerConnection twin =
        peers.keySet().stream()
            .filter(other -> other.remote().peerId().equals(id))
            .findFirst()
            .orElse(null);
    if (twin != null && initiator(twin).compareTo(initiator(connection)) > 0) {
      // Both sides dialled each other: both keep the one the smaller peer id opened.
      twin.close();
      remove(twin);
      twin = null;
    }
    if (peers.size() >= maxPeers || id.equals(ourId) || twin != null) {
      connection.close();
      return false;
    }
    PeerState peer = new PeerState(connection);
    peers.put(connection, peer);
    if (state.verifiedCount() > 0) {
      connection.send(new Bitfield(state.toBitfield())); // BEP 3: only as the first message
    }
    connection.start(this, Limits.forPieceCount(info.pieceCount()));
    return true;
  }

  synchronized boolean isConnected(InetSocketAddress address) {
    return peers.keySet().stream().anyMatch(c -> c.address().equals(address));
  }

  synchronized int peerCount() {
    return peers.size();
  }

  long downloadedBytes() {
    return downloadedBytes.get();
  }

  long uploadedBytes() {
    return uploadedBytes.get();
  }

  @Override
  public void onMessage(PeerConnection connection, PeerMessage message) {
    if (message instanceof Request request) {
      answer(connection, request);
      return;
    }
    synchronized (this) {
      PeerState peer = peers.get(connection);
      if (peer == null) {
        return;
      }
      try {
        handle(peer, message);
      } catch (MalformedMessageException e) {
        log.accept("dropping " + peer + ": " + e.getMessage());
        connection.close();
      } catch (StorageException e) {
        storageFailed.accept(e);
      }
    }
  }

  private void handle(PeerState peer, PeerMessage message) throws MalformedMessageException {
    if (message instanceof Piece piece) {
      received(peer, piece);
    } else if (message instanceof Have have) {
      if (have.pieceIndex() >= info.pieceCount()) {
        log.accept("dropping " + peer + ": have for piece " + have.pieceIndex());
        peer.connection.close();
        return;
      }
      gained(peer, have.pieceIndex());
      updateInterest(peer);
    } else if (message instanceof Bitfield bitfield) {
      bitfield.validate(info.pieceCount());
      BitSet bits = bitfield.toBitSet();
      for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
        gained(peer, i);
      }
      updateInterest(peer);
    } else if (message instanceof PeerMessage.HaveAll) {
      for (int i = 0; i < info.pieceCount(); i++) {
        gained(peer, i);
      }
      updateInterest(peer);
    } else if (message instanceof PeerMessage.Choke) {
      peer.peerChoking = true;
      dropRequests(peer);
    } else if (message instanceof PeerMessage.Unchoke) {
      peer.peerChoking = false;
      fillRequests(peer);
    } else if (message instanceof PeerMessage.Interested) {
      choker.interested(peers.values(), peer, nanoTime.getAsLong());
    } else if (message instanceof PeerMessage.NotInterested) {
      choker.notInterested(peers.values(), peer, nanoTime.getAsLong());
    }
    // Cancel: a queued answer still goes out, which the peer ignores. Others: not used.
  }

  private String initiator(PeerConnection connection) {
    PeerId id = connection.outgoing() ? ourId : connection.remote().peerId();
    return HexFormat.of().formatHex(id.bytes());
  }

  @Override
  public void onClosed(PeerConnection connection, Exception cause) {
    remove(connection);
  }

  private void remove(PeerConnection connection) {
    synchronized (this) {
      PeerState peer = peers.remove(connection);
      if (peer == null) {
        return;
      }
      for (int i = peer.has.nextSetBit(0); i >= 0; i = peer.has.nextSetBit(i + 1)) {
        availability[i]--;
      }
      dropRequests(peer);
      choker.left(peers.values(), peer, nanoTime.getAsLong());
      for (PeerState other : peers.values()) {
        fillRequests(other);
      }
    }
  }

  /** Queues the answer to a request: only for verified pieces, only to unchoked peers. */
  private void answer(PeerConnection connection, Request request) {
    synchronized (this) {
      PeerState peer = peers.get(connection);
      if (peer == null
          || peer.amChoking
          || request.index() >= info.pieceCount()
          || !state.isVerified(request.index())
          || (long) request.begin() + request.length() > info.pieceSize(request.index())
          || connection.queued() >= MAX_QUEUED_ANSWERS) {
        return;
      }
    }
    connection.sendLater(() -> readBlock(connection, request));
  }

  /**
   * Runs on the connection's writer thread, when the answer's turn comes; nothing if we choked the
   * peer meanwhile, since choking discards its pending requests (BEP 3).
   */
  private Piece readBlock(PeerConnection connection, Request request) {
    synchronized (this) {
      PeerState peer = peers.get(connection);
      if (peer == null || peer.amChoking) {
        return null;
      }
    }
    try {
      ByteBuffer block =
          tracker.store().readBlock(request.index(), request.begin(), request.length());
      uploadedBytes.addAndGet(request.length());
      return new Piece(request.index(), request.begin(), block);
    } catch (StorageException e) {
      storageFailed.accept(e);
      return null;
    }
  }

  private void received(PeerState peer, Piece piece) {
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
    for (PeerState other : peers.values()) {
      other.connection.send(new Have(piece));
    }
    if (state.isComplete()) {
      for (PeerState other : peers.values()) {
        updateInterest(other);
      }
      completed.run();
    }
  }

  /** Endgame: the block came, so the other peers asked for it need not send it. */
  private void cancelDuplicates(PeerState from, BlockKey key, int length) {
    for (PeerState other : peers.values()) {
      if (other != from && other.outstanding.remove(key)) {
        other.connection.send(new PeerMessage.Cancel(key.piece(), key.begin(), length));
        active.get(key.piece()).unrequested(key.block());
      }
    }
  }

  private void gained(PeerState peer, int piece) {
    if (!peer.has.get(piece)) {
      peer.has.set(piece);
      availability[piece]++;
    }
  }

  private void updateInterest(PeerState peer) {
    BitSet wanted = state.missing();
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

  /** Keeps {@link #PIPELINE_DEPTH} requests in flight to a peer that lets us download. */
  private void fillRequests(PeerState peer) {
    if (peer.peerChoking || !peer.amInterested || peer.connection.isClosed()) {
      return;
    }
    while (peer.outstanding.size() < (peer.snubbed ? 1 : PIPELINE_DEPTH)) {
      BlockKey next = nextBlock(peer);
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
  private BlockKey nextBlock(PeerState peer) {
    for (PieceDownload download : active.values()) {
      int block = peer.has.get(download.piece()) ? download.nextUnrequested() : -1;
      if (block >= 0) {
        return new BlockKey(download.piece(), block);
      }
    }
    BitSet candidates = state.missing();
    candidates.and(peer.has);
    for (Integer piece : active.keySet()) {
      candidates.clear(piece);
    }
    int piece = picker.pick(availability, candidates);
    if (piece >= 0) {
      PieceDownload download = new PieceDownload(piece, (int) info.pieceSize(piece));
      active.put(piece, download);
      return new BlockKey(piece, download.nextUnrequested());
    }
    for (PieceDownload download : active.values()) {
      if (!peer.has.get(download.piece())) {
        continue;
      }
      for (int block = 0; block < download.blockCount(); block++) {
        BlockKey key = new BlockKey(download.piece(), block);
        if (!download.isReceived(block) && !peer.outstanding.contains(key)) {
          return key;
        }
      }
    }
    return null;
  }

  private void dropRequests(PeerState peer) {
    for (Iterator<BlockKey> it = peer.outstanding.iterator(); it.hasNext(); ) {
      BlockKey key = it.next();
      PieceDownload download = active.get(key.piece());
      if (download != null) {
        download.unrequested(key.block());
      }
      it.remove();
    }
  }

  /** Timers: rotates the optimistic unchoke, and takes work away from snubbing peers. */
  synchronized void tick(long nowNanos) {
    choker.rotate(peers.values(), nowNanos);
    boolean freed = false;
    for (PeerState peer : peers.values()) {
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
      for (PeerState peer : peers.values()) {
        fillRequests(peer);
      }
    }
  }

  synchronized void closeAll() {
    for (PeerConnection connection : new ArrayList<>(peers.keySet())) {
      connection.close();
    }
  }
}
