package io.mcbt.peer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, at most one every two seconds, for logs and pipes: {@code hashing
 * ubuntu.iso: 37% (380/1024 MiB) 512 MiB/s}.
 */
final class LineProgress implements HashingProgress {
  static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long MIB = 1 << 20;

  private final String name;
  private final long totalBytes;
  private final PrintWriter out;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final AtomicLong hashedBytes = new AtomicLong();
  private long lastLineNanos;
  private boolean printedAny;

  LineProgress(String name, long totalBytes, PrintWriter out, LongSupplier nanoTime) {
    this.name = name;
    this.totalBytes = totalBytes;
    this.out = out;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastLineNanos = startNanos;
  }

  @Override
  public void accept(long hashed) {
    long most = hashedBytes.accumulateAndGet(hashed, Math::max);
    long now = nanoTime.getAsLong();
    synchronized (this) {
      if (now - lastLineNanos >= INTERVAL_NANOS) {
        lastLineNanos = now;
        print(most, now);
      }
    }
  }

  /** A last line at 100 %, but only if lines were shown: a quick hash stays silent. */
  @Override
  public synchronized void close() {
    if (printedAny) {
      print(hashedBytes.get(), nanoTime.getAsLong());
    }
  }

  private void print(long hashed, long now) {
    long percent = totalBytes == 0 ? 100 : hashed * 100 / totalBytes;
    double seconds = Math.max(now - startNanos, 1) / 1e9;
    out.println(
        String.format(
            Locale.ROOT,
            "hashing %s: %d%% (%d/%d MiB) %s/s",
            name,
            percent,
            hashed / MIB,
            (totalBytes + MIB - 1) / MIB,
            ByteSizes.human((long) (hashed / seconds))));
    out.flush();
    printedAny = true;
  }
}
