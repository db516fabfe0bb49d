package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineProgressTest {
  private static final long MIB = 1 << 20;
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong(5 * SECOND);
  private final LineProgress progress =
      new LineProgress("big.iso", 1024 * MIB, new PrintWriter(text), clock::get);

  @Test
  void printsAtMostEveryTwoSecondsWithPercentSizeAndRate() {
    progress.accept(100 * MIB);
    clock.addAndGet(SECOND);
    progress.accept(200 * MIB);
    clock.addAndGet(SECOND);
    progress.accept(380 * MIB);
    clock.addAndGet(SECOND);
    progress.accept(500 * MIB);
    assertEquals("hashing big.iso: 37% (380/1024 MiB) 190 MiB/s\n", text.toString());
  }

  @Test
  void keepsTheLargestCountWhenThreadsReportOutOfOrder() {
    clock.addAndGet(2 * SECOND);
    progress.accept(512 * MIB);
    clock.addAndGet(2 * SECOND);
    progress.accept(256 * MIB);
    assertEquals(
        "hashing big.iso: 50% (512/1024 MiB) 256 MiB/s\n"
            + "hashing big.iso: 50% (512/1024 MiB) 128 MiB/s\n",
        text.toString());
  }

  @Test
  void endsWithAFullLineOnlyIfItShowedAnything() {
    progress.accept(1024 * MIB);
    progress.close();
    assertEquals("", text.toString());

    clock.addAndGet(2 * SECOND);
    progress.accept(1024 * MIB);
    progress.close();
    assertEquals(
        "hashing big.iso: 100% (1024/1024 MiB) 512 MiB/s\n"
            + "hashing big.iso: 100% (1024/1024 MiB) 512 MiB/s\n",
        text.toString());
  }
}
