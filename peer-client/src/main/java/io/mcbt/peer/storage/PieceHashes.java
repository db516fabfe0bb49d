package io.mcbt.peer.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks a stored piece against its SHA-1 from the torrent (BEP 3 {@code pieces}). */
final class PieceHashes {
  /**
   * A digest per thread: looking one up by name for each piece went through the providers' list and
   * reflection, a cost the verifying thread of a multicast member paid a thousand times per 256
   * MiB.
   */
  private static final ThreadLocal<MessageDigest> SHA1S =
      ThreadLocal.withInitial(PieceHashes::sha1);

  private PieceHashes() {}

  /** This thread's SHA-1 digest, reset. */
  static MessageDigest threadSha1() {
    MessageDigest sha1 = SHA1S.get();
    sha1.reset();
    return sha1;
  }

  static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /**
   * Whether the {@code pieceSize} bytes of piece {@code piece} in {@code store} hash to the
   * torrent's value. They are read through {@code scratch} a buffer at a time, so a caller that
   * hashes many pieces reuses one buffer and one digest.
   */
  static boolean matches(
      PieceStore store, int piece, int pieceSize, ByteBuffer scratch, MessageDigest sha1) {
    sha1.reset();
    for (int offset = 0; offset < pieceSize; ) {
      scratch.clear().limit(Math.min(scratch.capacity(), pieceSize - offset));
      store.readBlock(piece, offset, scratch);
      offset += scratch.flip().remaining();
      sha1.update(scratch);
    }
    return MessageDigest.isEqual(sha1.digest(), store.info().pieceHash(piece));
  }
}
