package io.mcbt.peer.storage;

import io.mcbt.metainfo.Info;
import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * The bytes of one torrent, addressed as BEP 3 peers address them: a piece index and a byte offset
 * inside the piece. A block may cover several files; the store hides that.
 *
 * <p>Methods may be called from several threads at once. Every failure is a {@link
 * StorageException} naming the file concerned. Offsets and lengths outside the piece are the
 * caller's bug and throw {@link IndexOutOfBoundsException}.
 */
public interface PieceStore extends Closeable {
  /** The torrent whose pieces this store holds. */
  Info info();

  /**
   * Writes {@code data}'s remaining bytes at byte {@code offset} of piece {@code piece}. The
   * buffer's position is left as it was.
   */
  void writeBlock(int piece, int offset, ByteBuffer data);

  /** Fills {@code target}'s remaining bytes from byte {@code offset} of piece {@code piece}. */
  void readBlock(int piece, int offset, ByteBuffer target);

  /** {@code length} bytes from byte {@code offset} of piece {@code piece}, ready to read. */
  default ByteBuffer readBlock(int piece, int offset, int length) {
    ByteBuffer block = ByteBuffer.allocate(length);
    readBlock(piece, offset, block);
    return block.flip();
  }

  /**
   * Whether every byte of piece {@code piece} has a place on disk already, judged from file sizes
   * alone. When false the piece is certainly missing; when true its bytes may still be wrong.
   */
  boolean isStored(int piece);

  /** Whether the bytes of piece {@code piece} on disk have the SHA-1 the torrent gives for it. */
  boolean verifyPiece(int piece);

  /** Closes every open file. Writes already returned stay on disk. */
  @Override
  void close();
}
