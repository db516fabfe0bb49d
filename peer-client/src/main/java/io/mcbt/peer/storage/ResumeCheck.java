package io.mcbt.peer.storage;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Finds out, when a download starts, which pieces are already on disk and correct: after a crash, a
 * restart or a copy from elsewhere. Pieces whose files are missing or too short are missing without
 * reading a byte; every other piece is hashed.
 *
 * <p>Pieces are hashed on several threads, each taking the next piece index from a shared counter
 * and reusing one buffer of at most {@link #MAX_BUFFER_BYTES}, so memory stays at {@code threads x
 * min(pieceLength, MAX_BUFFER_BYTES)} however large the torrent.
 */
public final class ResumeCheck {
  /** Larger reads are no faster, and a 16 MiB piece need not be held whole. */
  public static final int MAX_BUFFER_BYTES = 1024 * 1024;

  /**
   * What the check found.
   *
   * @param pieces the verified pieces
   * @param bytesRead the bytes read and hashed; pieces skipped for missing files count nothing
   */
  public record Result(PieceState pieces, long bytesRead) {}

  private final PieceStore store;
  private final Info info;
  private final long totalLength;
  private final LongConsumer progress;
  private final PieceState state;
  private final AtomicInteger nextPiece = new AtomicInteger();
  private final AtomicLong bytesRead = new AtomicLong();
  private final Object progressLock = new Object();
  private long bytesChecked;
  private volatile boolean stopped;

  private ResumeCheck(PieceStore store, LongConsumer progress) {
    this.store = store;
    this.info = store.info();
    this.totalLength = info.totalLength();
    this.progress = progress;
    this.state = new PieceState(info.pieceCount());
  }

  /** Checks {@code store} on every core; see {@link #run(PieceStore, int, LongConsumer)}. */
  public static Result run(PieceStore store, LongConsumer progress) throws InterruptedException {
    return run(store, Runtime.getRuntime().availableProcessors(), progress);
  }

  /**
   * Checks every piece of {@code store}. Returns or throws only once every hashing thread has
   * stopped, so the store may be closed right after.
   *
   * @param threads how many pieces to hash at once
   * @param progress receives the bytes checked so far, skipped pieces included, so it rises to the
   *     torrent's total length; called from the hashing threads, one call at a time, rising
   * @throws StorageException when a file cannot be read for another reason than being missing
   * @throws InterruptedException when the calling thread is interrupted; hashing then stops
   */
  public static Result run(PieceStore store, int threads, LongConsumer progress)
      throws InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one hashing thread");
    }
    return new ResumeCheck(store, progress).check(threads);
  }

  private Result check(int threads) throws InterruptedException {
    int workers = Math.max(1, Math.min(threads, info.pieceCount()));
    ExecutorService pool = Executors.newFixedThreadPool(workers, ResumeCheck::daemon);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        results.add(pool.submit(this::checkPieces));
      }
      for (Future<?> result : results) {
        await(result);
      }
    } finally {
      stopped = true;
      // Not shutdownNow: an interrupt during FileChannel I/O closes the channel, and the store
      // shares its channels with every other user. The workers see the flag instead.
      pool.shutdown();
      awaitWorkers(pool);
    }
    return new Result(state, bytesRead.get());
  }

  private void checkPieces() {
    ByteBuffer scratch = ByteBuffer.allocate((int) Math.min(info.pieceLength(), MAX_BUFFER_BYTES));
    MessageDigest sha1 = PieceHashes.sha1();
    try {
      for (int piece = nextPiece.getAndIncrement();
          piece < info.pieceCount() && !stopped;
          piece = nextPiece.getAndIncrement()) {
        int size = (int) Math.min(info.pieceLength(), totalLength - piece * info.pieceLength());
        if (store.isStored(piece) && matches(piece, size, scratch, sha1)) {
          state.markVerified(piece);
        }
        report(size);
      }
    } catch (RuntimeException | Error e) {
      stopped = true;
      throw e;
    }
  }

  private boolean matches(int piece, int size, ByteBuffer scratch, MessageDigest sha1) {
    try {
      boolean good = PieceHashes.matches(store, piece, size, scratch, sha1);
      bytesRead.addAndGet(size);
      return good;
    } catch (StorageException e) {
      if (e.reason() == Reason.DATA_MISSING) {
        return false; // deleted or truncated since the size check: missing all the same
      }
      throw e;
    }
  }

  private void report(long bytes) {
    synchronized (progressLock) {
      bytesChecked += bytes;
      progress.accept(bytesChecked);
    }
  }

  private static void await(Future<?> result) throws InterruptedException {
    try {
      result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Waits for the workers to finish the piece in hand, so that the caller may close the store as
   * soon as {@link #run} returns, even after a failure or an interrupt.
   */
  private static void awaitWorkers(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "resume-check");
    thread.setDaemon(true);
    return thread;
  }
}
