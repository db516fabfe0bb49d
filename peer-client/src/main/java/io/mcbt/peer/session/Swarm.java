package io.mcbt.peer.session;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.StorageException;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.Bitfield;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.AllowedFast;
import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerMessage.Have;
import io.mcbt.wire.PeerMessage.Piece;
import io.mcbt.wire.PeerMessage.RejectRequest;
import io.mcbt.wire.PeerMessage.Request;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The peers of one torrent: who is connected, and which part of the session each message goes to
 * ({@link Downloads}, {@link Uploads}, {@link Choker}, {@link Extensions}). Every connection's
 * reader thread calls in; one lock, this object's, guards the state.
 */
final class Swarm implements PeerConnection.Listener {
  /** The reserved bits of our handshake: BEP 6 fast extension, BEP 10 extension protocol. */
  static final long RESERVED = Handshake.FAST_EXTENSION | Handshake.EXTENSION_PROTOCOL;

  private final PieceState state;
  private final Info info;
  private final Handshake ours;
  private final PeerId ourId;
  private final int maxPeers;
  private final Consumer<String> log;
  private final Consumer<RuntimeException> storageFailed;
  private final Map<PeerConnection, PeerState> peers = new LinkedHashMap<>();
  private final Downloads downloads;
  private final Uploads uploads;
  private final Extensions extensions;
  private final Choker choker;
  private final LongSupplier nanoTime;

  /**
   * @param infoBytes the info dictionary as hashed, served to peers by BEP 9; null if unknown
   */
  Swarm(
      PieceTracker tracker,
      Handshake ours,
      byte[] infoBytes,
      int maxPeers,
      Random random,
      LongSupplier nanoTime,
      Consumer<String> log,
      Consumer<RuntimeException> storageFailed,
      Runnable completed) {
    this.state = tracker.state();
    this.info = tracker.store().info();
    this.ours = ours;
    this.ourId = ours.peerId();
    this.maxPeers = maxPeers;
    this.log = log;
    this.storageFailed = storageFailed;
    this.nanoTime = nanoTime;
    this.downloads = new Downloads(tracker, peers.values(), random, nanoTime, log, completed);
    this.uploads = new Uploads(tracker, ours.infoHash(), this, peers, storageFailed);
    this.extensions = new Extensions(infoBytes, Uploads.MAX_QUEUED_ANSWERS);
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
    PeerState peer = new PeerState(connection, nanoTime.getAsLong());
    peer.fast = ours.supportsFastExtension() && connection.remote().supportsFastExtension();
    peers.put(connection, peer);
    if (ours.supportsExtensionProtocol() && connection.remote().supportsExtensionProtocol()) {
      connection.send(extensions.handshake());
    }
    uploads.introduce(peer);
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
    return downloads.downloadedBytes();
  }

  long uploadedBytes() {
    return uploads.uploadedBytes();
  }

  @Override
  public void onMessage(PeerConnection connection, PeerMessage message) {
    if (message instanceof Request request) {
      uploads.answer(connection, request);
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
      downloads.received(peer, piece);
    } else if (message instanceof Have have) {
      checkIndex(have.pieceIndex(), "have");
      downloads.gained(peer, have.pieceIndex());
      downloads.updateInterest(peer);
    } else if (message instanceof Bitfield bitfield) {
      bitfield.validate(info.pieceCount());
      BitSet bits = bitfield.toBitSet();
      for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
        downloads.gained(peer, i);
      }
      downloads.updateInterest(peer);
    } else if (message instanceof PeerMessage.Choke) {
      downloads.choked(peer);
    } else if (message instanceof PeerMessage.Unchoke) {
      downloads.unchoked(peer);
    } else if (message instanceof PeerMessage.Interested) {
      choker.interested(peers.values(), peer, nanoTime.getAsLong());
    } else if (message instanceof PeerMessage.NotInterested) {
      choker.notInterested(peers.values(), peer, nanoTime.getAsLong());
    } else if (message instanceof Extended extended) {
      extensions.received(peer, extended);
    } else {
      handleFast(peer, message);
    }
    // Cancel: a queued answer still goes out, which the peer ignores (BEP 6 allows it). Port: no
    // DHT here.
  }

  /** BEP 6 messages, which only a peer that set the fast bit may send. */
  private void handleFast(PeerState peer, PeerMessage message) throws MalformedMessageException {
    boolean fastMessage =
        message instanceof PeerMessage.HaveAll
            || message instanceof PeerMessage.HaveNone
            || message instanceof RejectRequest
            || message instanceof AllowedFast
            || message instanceof PeerMessage.SuggestPiece;
    if (fastMessage && !peer.fast) {
      throw new MalformedMessageException(
          message.getClass().getSimpleName() + " without the fast extension (BEP 6)");
    }
    if (message instanceof PeerMessage.HaveAll) {
      for (int i = 0; i < info.pieceCount(); i++) {
        downloads.gained(peer, i);
      }
      downloads.updateInterest(peer);
    } else if (message instanceof RejectRequest reject) {
      downloads.rejected(peer, reject);
    } else if (message instanceof AllowedFast allowed) {
      checkIndex(allowed.pieceIndex(), "allowed fast");
      downloads.allowedFast(peer, allowed.pieceIndex());
    }
    // Have none: nothing to count. Suggest piece: rarest first knows better.
  }

  private void checkIndex(int piece, String what) throws MalformedMessageException {
    if (piece >= info.pieceCount()) {
      throw new MalformedMessageException(what + " for piece " + piece);
    }
  }

  private String initiator(PeerConnection connection) {
    PeerId id = connection.outgoing() ? ourId : connection.remote().peerId();
    return HexFormat.of().formatHex(id.bytes());
  }

  @Override
  public void onClosed(PeerConnection connection, Exception cause) {
    remove(connection);
  }

  private synchronized void remove(PeerConnection connection) {
    PeerState peer = peers.remove(connection);
    if (peer == null) {
      return;
    }
    downloads.left(peer);
    choker.left(peers.values(), peer, nanoTime.getAsLong());
    downloads.fillAll();
  }

  /** Timers: the choking rounds, and taking work away from snubbing peers. */
  synchronized void tick(long nowNanos) {
    choker.tick(peers.values(), nowNanos, state.isComplete());
    downloads.checkSnubbing(nowNanos);
    // What we want changes without a message from any peer: a multicast group delivered pieces,
    // or let go of the downloads it held.
    for (PeerState peer : peers.values()) {
      downloads.updateInterest(peer);
    }
  }

  synchronized void closeAll() {
    for (PeerConnection connection : new ArrayList<>(peers.keySet())) {
      connection.close();
    }
  }
}
