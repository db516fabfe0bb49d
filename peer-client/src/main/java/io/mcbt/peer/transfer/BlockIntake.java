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
 * Where a member's authentic block and repair frames go: into the piece store, by runs, with each
 * piece whose blocks are all in verified on a thread of its own (a piece that fails gives its
 * blocks back). A piece that came in one run, as most do, is hashed in its run buffer; others are
 * read back. It takes the session's block size and coding group size from the frames, since a
 * sender that takes a group over may use others.
 */
final class BlockIntake {
  /** What became of a frame. */
  enum Result {
    STORED,
    DUPLICATE,
    REJECTED
  }

  /** Runs of pieces larger than this are cut, and such pieces are read back to be hashed. */
  private static final int MAX_WHOLE_PIECE_BYTES = 16 * 1024 * 1024;

  private static final int RUN_BYTES = 256 * 1024;

  /** Run buffers: one gathering, the others holding pieces the verifier has yet to hash. */
  private static final int RUN_BUFFERS = 4;

  private final long session;
  private final PieceTracker pieces;
  private final Runnable completed;
  private final ExecutorService verifier;
  private final AtomicLong badPieces = new AtomicLong();
  private volatile SessionParameters parameters;
  private volatile ReceivedBlocks blocks;
  private RepairDecoder repairs;
  private RunWriter writer;
  private RunBuffers runs;
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
    parameters = new SessionParameters(session, blockSize, codingBlocks);
    blocks = new ReceivedBlocks(layout, pieces.state());
    repairs = codingBlocks == 0 ? null : new RepairDecoder(layout, codingBlocks, blocks, pieces);
    if (runs == null) {
      long pieceLength = pieces.store().info().pieceLength();
      runs =
          new RunBuffers(
              pieceLength <= MAX_WHOLE_PIECE_BYTES ? (int) pieceLength : RUN_BYTES, RUN_BUFFERS);
    }
    if (writer == null) {
      writer = new RunWriter(pieces, runs.take());
    } else {
      writer.flush(); // runs never span sessions: a new sender starts anew
    }
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
    writer.write(piece, offset, frame);
    blockBytes += length;
    if (blocks.mark(block)) {
      if (writer.holdsWhole(piece, blocks.layout().pieceSize(piece))) {
        verifyInMemory(piece, writer.takeRun(runs.take()));
      } else {
        writer.flush(piece);
        verify(piece);
      }
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
    if (!repairs.accept(codingGroup, index, frame, writer)) {
      return Result.DUPLICATE;
    }
    for (int piece : repairs.completedPieces()) {
      verify(piece);
    }
    return Result.STORED;
  }

  private void verify(int piece) {
    verifier.execute(() -> verified(piece, pieces.verifyPiece(piece)));
  }

  /** {@code written} holds the whole piece, as just written. */
  private void verifyInMemory(int piece, ByteBuffer written) {
    verifier.execute(
        () -> {
          try {
            verified(piece, pieces.verifyWritten(piece, written));
          } finally {
            runs.give(written);
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
      if (writer != null) {
        writer.flush();
      }
    } finally {
      verifier.shutdown();
      verifier.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
