package io.mcbt.peer.cli;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/**
 * Shows how far hashing has come. It receives the cumulative number of bytes hashed, from several
 * threads and possibly slightly out of order.
 */
interface HashingProgress extends LongConsumer, AutoCloseable {

  /** Hashing is over: finish the display. */
  @Override
  void close();

  /**
   * A progress bar on a terminal, plain lines every few seconds otherwise (logs, pipes), or nothing
   * when {@code quiet}.
   */
  static HashingProgress start(String name, long totalBytes, boolean quiet, PrintWriter err) {
    if (quiet) {
      return new Silent();
    }
    if (System.console() != null) {
      return new TerminalProgress(name, totalBytes);
    }
    return new LineProgress(name, totalBytes, err, System::nanoTime);
  }

  /** Shows nothing. */
  final class Silent implements HashingProgress {
    @Override
    public void accept(long hashedBytes) {}

    @Override
    public void close() {}
  }
}
