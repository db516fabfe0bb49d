package io.mcbt.peer.cli;

import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar in MiB with rate and remaining time, drawn on standard error. */
final class TerminalProgress implements HashingProgress {
  private static final int MAX_TASK_NAME = 30;

  private final ProgressBar bar;
  private final AtomicLong hashedBytes = new AtomicLong();

  TerminalProgress(String name, long totalBytes) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(abbreviate(name))
            .setInitialMax(totalBytes)
            .setUnit("MiB", 1 << 20)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
  }

  @Override
  public void accept(long hashed) {
    bar.stepTo(hashedBytes.accumulateAndGet(hashed, Math::max));
  }

  @Override
  public void close() {
    bar.stepTo(hashedBytes.get());
    bar.close();
  }

  private static String abbreviate(String name) {
    return name.length() <= MAX_TASK_NAME ? name : name.substring(0, MAX_TASK_NAME - 3) + "...";
  }
}
