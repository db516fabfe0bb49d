package io.mcbt.peer.storage;

import java.util.BitSet;
import java.util.Objects;

/**
 * Which pieces of a torrent are verified: on disk with the SHA-1 the torrent gives. Safe to use
 * from several threads; the sets it hands out are copies.
 */
public final class PieceState {
  private final int pieceCount;
  private final BitSet verified;
  private boolean held;
  private int window = Integer.MAX_VALUE;

  /** A state with all {@code pieceCount} pieces missing. */
  public PieceState(int pieceCount) {
    if (pieceCount < 0) {
      throw new IllegalArgumentException("a piece count is not negative");
    }
    this.pieceCount = pieceCount;
    this.verified = new BitSet(pieceCount);
  }

  public int pieceCount() {
    return pieceCount;
  }

  public synchronized void markVerified(int piece) {
    verified.set(Objects.checkIndex(piece, pieceCount));
    notifyAll();
  }

  /**
   * Waits until {@code piece} is verified, at most {@code timeoutNs}.
   *
   * @return whether it is verified
   */
  public synchronized boolean awaitVerified(int piece, long timeoutNs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNs;
    while (!verified.get(Objects.checkIndex(piece, pieceCount))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public synchronized void markMissing(int piece) {
    verified.clear(Objects.checkIndex(piece, pieceCount));
  }

  public synchronized boolean isVerified(int piece) {
    return verified.get(Objects.checkIndex(piece, pieceCount));
  }

  public synchronized int verifiedCount() {
    return verified.cardinality();
  }

  /** Whether every piece is verified: the download is finished. */
  public synchronized boolean isComplete() {
    return verified.cardinality() == pieceCount;
  }

  /** The verified pieces. */
  public synchronized BitSet verified() {
    return (BitSet) verified.clone();
  }

  /** The pieces still to fetch. */
  public synchronized BitSet missing() {
    BitSet missing = new BitSet(pieceCount);
    missing.set(0, pieceCount);
    missing.andNot(verified);
    return missing;
  }

  /**
   * Holds back (or lets go) unicast downloads: while a multicast group delivers the torrent, {@link
   * #wanted()} is empty so that the peer wire protocol does not fetch the same pieces.
   */
  public synchronized void holdDownloads(boolean hold) {
    held = hold;
  }

  /**
   * Fetches the missing pieces about in order: only the first {@code pieces} of them are wanted at
   * a time. A relay does this, since it multicasts pieces in order as they come.
   */
  public synchronized void fetchInOrder(int pieces) {
    if (pieces < 1) {
      throw new IllegalArgumentException("a window of at least one piece");
    }
    window = pieces;
  }

  /** The pieces to fetch over the peer wire now: the missing ones, unless downloads are held. */
  public synchronized BitSet wanted() {
    if (held) {
      return new BitSet();
    }
    BitSet missing = missing();
    if (window < pieceCount) {
      int kept = 0;
      for (int piece = missing.nextSetBit(0); piece >= 0; piece = missing.nextSetBit(piece + 1)) {
        if (++kept > window) {
          missing.clear(piece, pieceCount);
          break;
        }
      }
    }
    return missing;
  }

  /**
   * The payload of a BEP 3 {@code bitfield} message: piece 0 is the high bit of the first byte, and
   * the spare bits at the end are zero.
   */
  public synchronized byte[] toBitfield() {
    byte[] bitfield = new byte[(pieceCount + 7) / 8];
    for (int piece = verified.nextSetBit(0); piece >= 0; piece = verified.nextSetBit(piece + 1)) {
      bitfield[piece >>> 3] |= (byte) (0x80 >>> (piece & 7));
    }
    return bitfield;
  }

  @Override
  public synchronized String toString() {
    return "PieceState[" + verified.cardinality() + "/" + pieceCount + " verified]";
  }
}
