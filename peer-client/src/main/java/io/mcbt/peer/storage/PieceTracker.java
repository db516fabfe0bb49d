package io.mcbt.peer.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * A {@link PieceStore} together with the {@link PieceState} of its pieces, kept consistent: a piece
 * is marked verified only after its bytes on disk matched its hash, and blocks for a verified piece
 * are dropped so a late or hostile copy cannot overwrite good data.
 *
 * <p>Writes and the verification of one piece exclude each other; different pieces proceed in
 * parallel.
 */
public final class PieceTracker {
  /** Locks are shared by pieces with equal index modulo this, which bounds their number. */
  private static final int LOCK_STRIPES = 64;

  private final PieceStore store;
  private final PieceState state;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * Tracks {@code state}'s pieces in {@code store}, typically with the state a {@link ResumeCheck}
   * found.
   */
  public PieceTracker(PieceStore store, PieceState state) {
    if (state.pieceCount() != store.info().pieceCount()) {
      throw new IllegalArgumentException(
          "a state of "
              + state.pieceCount()
              + " pieces for a torrent of "
              + store.info().pieceCount());
    }
    this.store = store;
    this.state = state;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  public PieceStore store() {
    return store;
  }

  public PieceState state() {
    return state;
  }

  /**
   * Stores a block received from a peer, unless its piece is verified already.
   *
   * @return whether the block was written
   * @throws StorageException when the write fails; the piece then stays unverified
   */
  public boolean writeBlock(int piece, int offset, ByteBuffer data) {
    synchronized (lockOf(piece)) {
      if (state.isVerified(piece)) {
        return false;
      }
      store.writeBlock(piece, offset, data);
      return true;
    }
  }

  /**
   * Marks piece {@code piece} verified or missing as {@code written}, the whole piece as it was
   * just written, hashes: a piece gathered in memory need not be read back. A piece that fails must
   * be fetched again.
   */
  public boolean verifyWritten(int piece, ByteBuffer written) {
    synchronized (lockOf(piece)) {
      boolean whole = written.remaining() == store.info().pieceSize(piece);
      MessageDigest sha1 = PieceHashes.threadSha1();
      sha1.update(written);
      boolean good = whole && MessageDigest.isEqual(sha1.digest(), store.info().pieceHash(piece));
      if (good) {
        state.markVerified(piece);
      } else {
        state.markMissing(piece);
      }
      return good;
    }
  }

  /**
   * Hashes piece {@code piece} on disk and marks it verified or missing accordingly; call it once
   * the piece's last block is written. A piece that fails must be fetched again.
   */
  public boolean verifyPiece(int piece) {
    synchronized (lockOf(piece)) {
      boolean good;
      try {
        good = store.verifyPiece(piece);
      } catch (RuntimeException e) {
        state.markMissing(piece); // bytes that cannot be read are not bytes to share
        throw e;
      }
      if (good) {
        state.markVerified(piece);
      } else {
        state.markMissing(piece);
      }
      return good;
    }
  }

  private Object lockOf(int piece) {
    return locks[Math.floorMod(piece, LOCK_STRIPES)];
  }
}
