package io.mcbt.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcbt.peer.session.SessionStats;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Shows a running download or seed: percent, rate, peers and time left. */
interface TransferProgress extends AutoCloseable {

  /** The session's state now; called about once a second. */
  void update(SessionStats stats);

  @Override
  void close();

  /** A bar on a terminal, plain lines otherwise, nothing when {@code quiet}. */
  static TransferProgress start(String name, boolean quiet, PrintWriter err) {
    return start(name, quiet, false, err);
  }

  /** As above; with {@code json}, one JSON object a second instead, for programs to read. */
  static TransferProgress start(String name, boolean quiet, boolean json, PrintWriter err) {
    if (json) {
      return new JsonLines(name, err, System::nanoTime);
    }
    if (quiet) {
      return new TransferProgress() {
        @Override
        public void update(SessionStats stats) {}

        @Override
        public void close() {}
      };
    }
    if (System.console() != null) {
      return new Bar(name);
    }
    return new Lines(name, err, System::nanoTime);
  }

  /** A progress bar in MiB on standard error, with the peer count beside it. */
  final class Bar implements TransferProgress {
    private final ProgressBar bar;

    Bar(String name) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(name.length() <= 30 ? name : name.substring(0, 27) + "...")
              .setInitialMax(1)
              .setUnit("MiB", 1 << 20)
              .showSpeed()
              .setUpdateIntervalMillis(500)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .build();
    }

    @Override
    public void update(SessionStats stats) {
      bar.maxHint(stats.totalBytes());
      bar.stepTo(stats.totalBytes() - stats.leftBytes());
      bar.setExtraMessage(
          " " + stats.peers() + " peers, up " + ByteSizes.human(stats.uploadedBytes()));
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /**
   * A line every ten seconds, for logs and pipes: {@code get ubuntu.iso: 37% (380 MiB of 1 GiB)
   * 12.5 MiB/s, 4 peers, ETA 51 s, uploaded 0 B}.
   */
  final class Lines implements TransferProgress {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final String name;
    private final PrintWriter out;
    private final LongSupplier nanoTime;
    private long lastLineNanos;
    private long lastBytes;

    Lines(String name, PrintWriter out, LongSupplier nanoTime) {
      this.name = name;
      this.out = out;
      this.nanoTime = nanoTime;
      this.lastLineNanos = nanoTime.getAsLong();
    }

    @Override
    public void update(SessionStats stats) {
      long now = nanoTime.getAsLong();
      if (now - lastLineNanos < INTERVAL_NANOS) {
        return;
      }
      double seconds = (now - lastLineNanos) / 1e9;
      // Verified bytes, not peer-wire bytes: a multicast group delivers without the peer wire.
      long bytes =
          stats.leftBytes() == 0 ? stats.uploadedBytes() : stats.totalBytes() - stats.leftBytes();
      long rate = (long) (Math.max(0, bytes - lastBytes) / seconds);
      lastLineNanos = now;
      lastBytes = bytes;
      out.println(line(stats, rate));
      out.flush();
    }

    /**
     * One status line; {@code bytesPerSecond} is the download rate, or the upload rate of a seed.
     */
    String line(SessionStats stats, long bytesPerSecond) {
      long done = stats.totalBytes() - stats.leftBytes();
      if (stats.leftBytes() == 0) {
        return String.format(
            Locale.ROOT,
            "seed %s: %s, up %s/s, %d peers, uploaded %s",
            name,
            ByteSizes.human(stats.totalBytes()),
            ByteSizes.human(bytesPerSecond),
            stats.peers(),
            ByteSizes.human(stats.uploadedBytes()));
      }
      long percent = done * 100 / stats.totalBytes();
      String eta = bytesPerSecond == 0 ? "?" : stats.leftBytes() / bytesPerSecond + " s";
      return String.format(
          Locale.ROOT,
          "get %s: %d%% (%s of %s) %s/s, %d peers, ETA %s, uploaded %s",
          name,
          percent,
          ByteSizes.human(done),
          ByteSizes.human(stats.totalBytes()),
          ByteSizes.human(bytesPerSecond),
          stats.peers(),
          eta,
          ByteSizes.human(stats.uploadedBytes()));
    }

    @Override
    public void close() {}
  }

  /**
   * One JSON object a second on standard error, for programs: {@code {"name":"ubuntu.iso",
   * "state":"downloading","percent":37,"totalBytes":…,"verifiedBytes":…,"downloadedBytes":…,
   * "uploadedBytes":…,"bytesPerSecond":…,"peers":4,"etaSeconds":51}}; {@code etaSeconds} is -1 when
   * unknown.
   */
  final class JsonLines implements TransferProgress {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final PrintWriter out;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private long lastBytes;

    JsonLines(String name, PrintWriter out, LongSupplier nanoTime) {
      this.name = name;
      this.out = out;
      this.nanoTime = nanoTime;
      this.lastNanos = nanoTime.getAsLong();
    }

    @Override
    public void update(SessionStats stats) {
      long now = nanoTime.getAsLong();
      double seconds = Math.max(now - lastNanos, 1) / 1e9;
      boolean seeding = stats.leftBytes() == 0;
      long bytes = seeding ? stats.uploadedBytes() : stats.totalBytes() - stats.leftBytes();
      long rate = (long) (Math.max(0, bytes - lastBytes) / seconds);
      lastNanos = now;
      lastBytes = bytes;
      out.println(line(stats, rate));
      out.flush();
    }

    String line(SessionStats stats, long bytesPerSecond) {
      long verified = stats.totalBytes() - stats.leftBytes();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", name);
      line.put("state", stats.leftBytes() == 0 ? "seeding" : "downloading");
      line.put("percent", stats.totalBytes() == 0 ? 100 : verified * 100 / stats.totalBytes());
      line.put("totalBytes", stats.totalBytes());
      line.put("verifiedBytes", verified);
      line.put("downloadedBytes", stats.downloadedBytes());
      line.put("uploadedBytes", stats.uploadedBytes());
      line.put("bytesPerSecond", bytesPerSecond);
      line.put("peers", stats.peers());
      line.put(
          "etaSeconds",
          stats.leftBytes() == 0
              ? 0
              : bytesPerSecond == 0 ? -1 : stats.leftBytes() / bytesPerSecond);
      try {
        return JSON.writeValueAsString(line);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("numbers and strings always make JSON", e);
      }
    }

    @Override
    public void close() {}
  }
}
