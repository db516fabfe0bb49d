package io.mcbt.peer.session;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.wire.MetadataMessage;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Puts a torrent's info dictionary together from the 16 KiB pieces peers send (BEP 9), and accepts
 * it only if its SHA-1 is the info-hash. The size comes from the first peer that states one within
 * {@link #MAX_METADATA_BYTES}; pieces that disagree with it are refused. If the whole does not hash
 * right, everything is dropped, and the peers that sent pieces of it are named so that they can be
 * left. Not thread-safe.
 */
final class MetadataAssembler {
  /** The largest info dictionary we fetch: 16 MiB, the index's bound on a whole .torrent. */
  static final long MAX_METADATA_BYTES = 16L << 20;

  /** What became of a received piece. */
  enum Outcome {
    /** Kept; more pieces are missing. */
    STORED,
    /** Not usable: no size yet, another size, no such piece, wrong length, or a duplicate. */
    REFUSED,
    /** The last piece: the dictionary is complete and hashes to the info-hash. */
    COMPLETE,
    /** The last piece, but the whole does not hash right: everything was dropped. */
    CORRUPT
  }

  private final InfoHash infoHash;
  private byte[] bytes;
  private BitSet received;
  private final Set<Object> contributors = new HashSet<>();

  MetadataAssembler(InfoHash infoHash) {
    this.infoHash = infoHash;
  }

  /**
   * A peer stated the size in its extension handshake. The first acceptable size is used until the
   * data proves it wrong.
   *
   * @return whether the size is the one in use (so the peer's pieces can be used)
   */
  boolean offerSize(long size) {
    if (size <= 0 || size > MAX_METADATA_BYTES) {
      return false;
    }
    if (bytes == null) {
      bytes = new byte[(int) size];
      received = new BitSet(pieceCount());
    }
    return bytes.length == size;
  }

  boolean hasSize() {
    return bytes != null;
  }

  int pieceCount() {
    return bytes == null
        ? 0
        : (bytes.length + MetadataMessage.PIECE_BYTES - 1) / MetadataMessage.PIECE_BYTES;
  }

  /** The first missing piece from {@code from} on, or -1. */
  int nextMissing(int from) {
    if (bytes == null) {
      return -1;
    }
    int piece = received.nextClearBit(from);
    return piece < pieceCount() ? piece : -1;
  }

  boolean isComplete() {
    return bytes != null && received.cardinality() == pieceCount();
  }

  /**
   * @param from who sent it, remembered in case the whole turns out corrupt
   */
  Outcome receive(Object from, MetadataMessage data) {
    if (bytes == null
        || data.type() != MetadataMessage.Type.DATA
        || data.totalSize() != bytes.length
        || data.piece() >= pieceCount()
        || received.get(data.piece())) {
      return Outcome.REFUSED;
    }
    int start = data.piece() * MetadataMessage.PIECE_BYTES;
    int expected = Math.min(MetadataMessage.PIECE_BYTES, bytes.length - start);
    byte[] piece = data.data();
    if (piece.length != expected) {
      return Outcome.REFUSED;
    }
    System.arraycopy(piece, 0, bytes, start, expected);
    received.set(data.piece());
    contributors.add(from);
    if (!isComplete()) {
      return Outcome.STORED;
    }
    if (InfoHash.of(bytes, 0, bytes.length).equals(infoHash)) {
      return Outcome.COMPLETE;
    }
    bytes = null;
    received = null;
    return Outcome.CORRUPT;
  }

  /** Who sent pieces of the dictionary that failed its hash check; cleared by the call. */
  Set<Object> takeContributors() {
    Set<Object> taken = Set.copyOf(contributors);
    contributors.clear();
    return taken;
  }

  /** The verified dictionary. */
  byte[] infoBytes() {
    if (!isComplete()) {
      throw new IllegalStateException("the metadata is not complete");
    }
    return Arrays.copyOf(bytes, bytes.length);
  }
}
