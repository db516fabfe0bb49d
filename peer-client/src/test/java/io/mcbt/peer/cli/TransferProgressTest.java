package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.peer.session.SessionStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferProgressTest {
  private static final long MIB = 1 << 20;

  private final StringWriter text = new StringWriter();
  private final AtomicLong nowNanos = new AtomicLong();
  private final TransferProgress.Lines lines =
      new TransferProgress.Lines("ubuntu.iso", new PrintWriter(text), nowNanos::get);

  @Test
  void aDownloadLineShowsPercentRatePeersAndTimeLeft() {
    nowNanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    lines.update(new SessionStats(25, 100, 100 * MIB, 75 * MIB, 25 * MIB, 0, 3));
    assertEquals(
        "get ubuntu.iso: 25% (25 MiB of 100 MiB) 2.5 MiB/s, 3 peers, ETA 30 s, uploaded 0 B",
        text.toString().strip());
  }

  @Test
  void nothingIsPrintedMoreOftenThanEveryTenSeconds() {
    nowNanos.addAndGet(TimeUnit.SECONDS.toNanos(9));
    lines.update(new SessionStats(25, 100, 100 * MIB, 75 * MIB, 25 * MIB, 0, 3));
    assertEquals("", text.toString());
  }

  @Test
  void aSeedLineShowsTheUploadRate() {
    nowNanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    lines.update(new SessionStats(100, 100, 100 * MIB, 0, 0, 10 * MIB, 2));
    assertEquals(
        "seed ubuntu.iso: 100 MiB, up 1 MiB/s, 2 peers, uploaded 10 MiB", text.toString().strip());
  }

  @Test
  void anUnknownRateGivesAnUnknownTimeLeft() {
    nowNanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    lines.update(new SessionStats(0, 100, 100 * MIB, 100 * MIB, 0, 0, 0));
    assertEquals(
        "get ubuntu.iso: 0% (0 B of 100 MiB) 0 B/s, 0 peers, ETA ?, uploaded 0 B",
        text.toString().strip());
  }

  @Test
  void jsonProgressIsOneObjectALineWithEveryFigure() {
    StringWriter json = new StringWriter();
    TransferProgress.JsonLines progress =
        new TransferProgress.JsonLines("ubuntu.iso", new PrintWriter(json), nowNanos::get);
    nowNanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

    progress.update(new SessionStats(25, 100, 100 * MIB, 75 * MIB, 25 * MIB, 0, 3));

    assertEquals(
        "{\"name\":\"ubuntu.iso\",\"state\":\"downloading\",\"percent\":25,"
            + "\"totalBytes\":104857600,\"verifiedBytes\":26214400,\"downloadedBytes\":26214400,"
            + "\"uploadedBytes\":0,\"bytesPerSecond\":13107200,\"peers\":3,\"etaSeconds\":6}",
        json.toString().strip());
  }
}
