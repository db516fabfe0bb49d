package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.DataFrame;
import io.mcbt.transfer.FrameHeader;
import io.mcbt.transfer.SessionParameters;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a member's authentic block and repair frames go: into pieces gathered in memory, each piece
 * whose blocks are all in verified on a thread of its own (a piece that fails gives its blocks
 * back). A piece still in memory when complete, as most are, is written in one write and hashed
 * there; others are in the store already, and read back. It takes the session's block size and
 * coding group size from the frames, since a sender that takes a group over may use others.
 */
final class BlockIntake {
  /** What became of a frame. */
  enum Result {
    STORED,
    DUPLICATE,
    REJECTED
  }

  /** Larger pieces are not gathered in memory: their blocks go straight to the store. */
  private static final int MAX_HELD_PIECE_BYTES = 16 * 1024 * 1024;

  /**
   * Memory for pieces being gathered, waiting for repairs or waiting to be hashed: two seconds of a
   * pass at 30 MiB/s, where the sender's repairs mend a piece within milliseconds. Buffers are made
   * as needed, so a clean session uses a few.
   */
  private static final long HELD_BYTES = 64L * 1024 * 1024;

  /** Buffers at least: one gathering while others wait for repairs or for the hash. */
  private static final int MIN_BUFFERS = 4;

  private final long session;
  private final PieceTracker pieces;
  private final Runnable completed;
  private final ExecutorService verifier;
  private final AtomicLong badPieces = new AtomicLong();
  private volatile SessionParameters parameters;
  private volatile ReceivedBlocks blocks;
  private RepairDecoder repairs;
  private PieceAssembly assembly;
  private PieceBuffers buffers;
  private long blockBytes;

  /** {@code completed} runs, on the verifying thread, when the last piece verifies. */
  BlockIntake(long session, PieceTracker pieces, Runnable completed) {
    this.session = session;
    this.pieces = pieces;
    this.completed = completed;
    this.verifier =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread verifying = new Thread(runnable, "multicast-verify-" + session);
              verifying.setDaemon(true);
              return verifying;
            });
  }

  /** The session's parameters once a frame gave them, else null. */
  SessionParameters parameters() {
    return parameters;
  }

  /** The blocks held, in the session's layout, once a frame gave it, else null. */
  ReceivedBlocks blocks() {
    return blocks;
  }

  long blockBytes() {
    return blockBytes;
  }

  long repaired() {
    return repairs == null ? 0 : repairs.repaired();
  }

  long badPieces() {
    return badPieces.get();
  }

  /** Takes the block size and coding of a frame; false for values this torrent cannot use. */
  boolean adopt(int blockSize, int codingBlocks) {
    if (parameters != null
        && parameters.blockSize() == blockSize
        && parameters.codingBlocks() == codingBlocks) {
      return true;
    }
    if (blockSize == 0
        || blockSize > FrameHeader.MAX_BODY_LENGTH
        || codingBlocks > SessionParameters.MAX_CODING_BLOCKS) {
      return false;
    }
    BlockLayout layout;
    try {
      layout =
          new BlockLayout(
              pieces.store().info().totalLength(),
              Math.toIntExact(pieces.store().info().pieceLength()),
              blockSize);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false; // a block size this torrent cannot be cut into
    }
    if (assembly != null) {
      assembly.spillAll(); // a new sender starts anew
    }
    long pieceLength = pieces.store().info().pieceLength();
    if (buffers == null && pieceLength <= MAX_HELD_PIECE_BYTES) {
      buffers =
          new PieceBuffers(
              (int) pieceLength, (int) Math.max(MIN_BUFFERS, HELD_BYTES / pieceLength));
    }
    parameters = new SessionParameters(session, blockSize, codingBlocks);
    blocks = new ReceivedBlocks(layout, pieces.state());
    assembly = new PieceAssembly(pieces, blocks, buffers);
    repairs = codingBlocks == 0 ? null : new RepairDecoder(layout, codingBlocks, blocks, assembly);
    return true;
  }

  /** A data frame (position to limit), authentic and of this session's parameters. */
  Result data(ByteBuffer frame) {
    int piece = FrameHeader.first(frame);
    int offset = FrameHeader.second(frame);
    int length = FrameHeader.bodyLength(frame);
    int block = blocks.layout().blockAt(piece, offset, length);
    if (block < 0) {
      return Result.REJECTED;
    }
    if (blocks.has(block)) {
      return Result.DUPLICATE;
    }
    int body = DataFrame.blockIndex(frame);
    frame.limit(body + length).position(body);
    assembly.write(piece, offset, frame);
    blockBytes += length;
    if (blocks.mark(block)) {
      completed(piece);
    }
    return Result.STORED;
  }

  /** A repair frame (position to limit), authentic and of this session's parameters. */
  Result repair(ByteBuffer frame) {
    if (repairs == null) {
      return Result.REJECTED;
    }
    int body = DataFrame.blockIndex(frame);
    int length = FrameHeader.bodyLength(frame);
    int codingGroup = FrameHeader.first(frame);
    int index = FrameHeader.second(frame);
    frame.limit(body + length).position(body);
    if (!repairs.accept(codingGroup, index, frame)) {
      return Result.DUPLICATE;
    }
    for (int piece : repairs.completedPieces()) {
      completed(piece);
    }
    return Result.STORED;
  }

  /** The piece's last block is in: hashes it in memory if it is held there, else on disk. */
  private void completed(int piece) {
    ByteBuffer whole = assembly.takeWhole(piece);
    if (whole != null) {
      verifyInMemory(piece, whole);
    } else {
      verifier.execute(() -> verified(piece, pieces.verifyPiece(piece)));
    }
  }

  /** {@code written} holds the whole piece, as just written. */
  private void verifyInMemory(int piece, ByteBuffer written) {
    verifier.execute(
        () -> {
          try {
            verified(piece, pieces.verifyWritten(piece, written));
          } finally {
            buffers.give(written);
          }
        });
  }

  private void verified(int piece, boolean good) {
    if (!good) {
      blocks.forgetPiece(piece);
      badPieces.incrementAndGet();
    } else if (pieces.state().isComplete()) {
      completed.run();
    }
  }

  /** Writes what is gathered and waits for the pieces being verified. */
  void finish() throws InterruptedException {
    try {
      if (assembly != null) {
        assembly.spillAll();
      }
    } finally {
      verifier.shutdown();
      verifier.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
