package io.mcbt.metainfo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Computes the SHA-1 of every piece on several threads. Each thread owns one piece buffer and takes
 * the next piece index from a shared counter, so memory stays at {@code threads x pieceLength}
 * whatever the size of the data.
 */
final class PieceHasher {
  private final List<SourceFile> files;
  private final long pieceLength;
  private final long totalLength;
  private final int threads;
  private final LongConsumer progress;

  PieceHasher(List<SourceFile> files, long pieceLength, int threads, LongConsumer progress) {
    this.files = files;
    this.pieceLength = pieceLength;
    this.totalLength = files.stream().mapToLong(SourceFile::length).sum();
    this.threads = threads;
    this.progress = progress;
  }

  /** The concatenated piece hashes. */
  byte[] hash() throws IOException {
    int pieces = Math.toIntExact((totalLength + pieceLength - 1) / pieceLength);
    byte[] hashes = new byte[pieces * Info.PIECE_HASH_LENGTH];
    AtomicInteger nextPiece = new AtomicInteger();
    AtomicLong hashedBytes = new AtomicLong();
    int workers = Math.max(1, Math.min(threads, pieces));
    ExecutorService pool = Executors.newFixedThreadPool(workers, PieceHasher::daemon);
    try (FileSpanReader reader = new FileSpanReader(files)) {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        results.add(
            pool.submit(
                () -> {
                  hashPieces(reader, pieces, nextPiece, hashedBytes, hashes);
                  return null;
                }));
      }
      for (Future<?> result : results) {
        await(result);
      }
    } finally {
      pool.shutdownNow();
    }
    return hashes;
  }

  private void hashPieces(
      FileSpanReader reader,
      int pieces,
      AtomicInteger nextPiece,
      AtomicLong hashedBytes,
      byte[] hashes)
      throws IOException {
    MessageDigest sha1 = sha1();
    ByteBuffer buffer = ByteBuffer.allocate((int) pieceLength);
    for (int piece = nextPiece.getAndIncrement();
        piece < pieces;
        piece = nextPiece.getAndIncrement()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("hashing was cancelled");
      }
      long start = piece * pieceLength;
      buffer.clear().limit((int) Math.min(pieceLength, totalLength - start));
      reader.read(start, buffer);
      buffer.flip();
      sha1.update(buffer);
      byte[] digest = sha1.digest();
      System.arraycopy(digest, 0, hashes, piece * Info.PIECE_HASH_LENGTH, digest.length);
      progress.accept(hashedBytes.addAndGet(buffer.limit()));
    }
  }

  private static void await(Future<?> result) throws IOException {
    try {
      result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("hashing was interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "piece-hasher");
    thread.setDaemon(true);
    return thread;
  }
}
