package io.mcbt.peer.session;

import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.StorageException;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.wire.AllowedFastSet;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What peers get from us: our pieces announced (bitfield, or BEP 6 have all / have none), the BEP 6
 * allowed-fast set, and answers to requests. Answers are read from disk only when the connection's
 * writer gets to them; a request we will not serve is dropped, or rejected when the fast extension
 * is on (BEP 6: every request gets exactly one answer).
 */
final class Uploads {
  /**
   * A peer with this many messages still queued gets no more answers until it reads them. Answers
   * are read from disk only when written, so the queue holds requests, not blocks.
   */
  static final int MAX_QUEUED_ANSWERS = 512;

  private final PieceTracker tracker;
  private final PieceState state;
  private final Info info;
  private final InfoHash infoHash;
  private final Object lock;
  private final Map<PeerConnection, PeerState> peers;
  private final Consumer<RuntimeException> storageFailed;
  private final AtomicLong uploadedBytes = new AtomicLong();

  /**
   * @param lock the swarm's lock, which guards {@code peers} and every peer's state
   */
  Uploads(
      PieceTracker tracker,
      InfoHash infoHash,
      Object lock,
      Map<PeerConnection, PeerState> peers,
      Consumer<RuntimeException> storageFailed) {
    this.tracker = tracker;
    this.state = tracker.state();
    this.info = tracker.store().info();
    this.infoHash = infoHash;
    this.lock = lock;
    this.peers = peers;
    this.storageFailed = storageFailed;
  }

  long uploadedBytes() {
    return uploadedBytes.get();
  }

  /**
   * The first messages to a new peer: what we have, then (BEP 6) the pieces of its allowed-fast set
   * that we have. Under the lock.
   */
  void introduce(PeerState peer) {
    if (peer.fast && state.isComplete()) {
      peer.connection.send(PeerMessage.HAVE_ALL);
    } else if (state.verifiedCount() > 0) {
      peer.connection.send(new Bitfield(state.toBitfield())); // BEP 3: only as the first message
    } else if (peer.fast) {
      peer.connection.send(PeerMessage.HAVE_NONE);
    }
    if (peer.fast && peer.connection.address().getAddress() instanceof Inet4Address ipv4) {
      for (int piece :
          AllowedFastSet.compute(
              ipv4.getAddress(), infoHash, info.pieceCount(), AllowedFastSet.DEFAULT_SIZE)) {
        peer.allowedFastForPeer.add(piece);
        if (state.isVerified(piece)) {
          peer.connection.send(new PeerMessage.AllowedFast(piece));
        }
      }
    }
  }

  /**
   * Queues the answer to a request: only for verified pieces, to unchoked or allowed-fast peers.
   */
  void answer(PeerConnection connection, Request request) {
    boolean reject;
    synchronized (lock) {
      PeerState peer = peers.get(connection);
      if (peer == null) {
        return;
      }
      boolean serve =
          mayDownload(peer, request.index())
              && request.index() < info.pieceCount()
              && state.isVerified(request.index())
              && (long) request.begin() + request.length() <= info.pieceSize(request.index())
              && connection.queued() < MAX_QUEUED_ANSWERS;
      if (serve) {
        reject = false;
      } else if (peer.fast) {
        reject = true;
      } else {
        return;
      }
    }
    if (reject) {
      connection.send(rejection(request));
    } else {
      connection.sendLater(() -> readBlock(connection, request));
    }
  }

  private static boolean mayDownload(PeerState peer, int piece) {
    return !peer.amChoking || (peer.fast && peer.allowedFastForPeer.contains(piece));
  }

  /**
   * Runs on the connection's writer thread, when the answer's turn comes. If we choked the peer
   * meanwhile, the request is void (BEP 3), or rejected (BEP 6).
   */
  private PeerMessage readBlock(PeerConnection connection, Request request) {
    PeerState peer;
    synchronized (lock) {
      peer = peers.get(connection);
      if (peer == null) {
        return null;
      }
      if (!mayDownload(peer, request.index())) {
        return peer.fast ? rejection(request) : null;
      }
    }
    try {
      ByteBuffer block =
          tracker.store().readBlock(request.index(), request.begin(), request.length());
      uploadedBytes.addAndGet(request.length());
      peer.uploaded.add(request.length());
      return new Piece(request.index(), request.begin(), block);
    } catch (StorageException e) {
      storageFailed.accept(e);
      return null;
    }
  }

  private static RejectRequest rejection(Request request) {
    return new RejectRequest(request.index(), request.begin(), request.length());
  }
}
