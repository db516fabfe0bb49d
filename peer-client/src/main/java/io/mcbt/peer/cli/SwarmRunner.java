package io.mcbt.peer.cli;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.session.SessionConfig;
import io.mcbt.peer.session.SessionStats;
import io.mcbt.peer.session.TorrentSession;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceState;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import io.mcbt.peer.tracker.TrackerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code seed} and {@code get} share: check what is on disk, join the swarm, show progress,
 * and leave it cleanly (announcing {@code stopped}) on Ctrl-C or when done.
 */
final class SwarmRunner {
  static final Duration TRACKER_TIMEOUT = Duration.ofSeconds(15);
  private static final long POLL_MILLIS = 1000;

  private final Metainfo metainfo;
  private final Path folder;
  private final SessionConfig config;
  private final boolean quiet;
  private final PrintWriter out;
  private final PrintWriter err;
  private Listener listener = new Listener() {};
  private boolean jsonProgress;

  /** What a command does around the transfer: join a multicast group, say it is done. */
  interface Listener {
    /**
     * The session listens on {@code port} and keeps {@code pieces}; a long call here does not hold
     * up the transfer.
     */
    default void started(TorrentSession session, PieceTracker pieces) throws InterruptedException {}

    /** About once a second: bytes verified so far. */
    default void progress(long verifiedBytes) {}

    /** Every piece is verified. */
    default void completed() {}
  }

  SwarmRunner(
      Metainfo metainfo,
      Path folder,
      SessionConfig config,
      boolean quiet,
      PrintWriter out,
      PrintWriter err) {
    this.metainfo = metainfo;
    this.folder = folder;
    this.config = config;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  SwarmRunner jsonProgress(boolean value) {
    this.jsonProgress = value;
    return this;
  }

  SwarmRunner listener(Listener value) {
    this.listener = value;
    return this;
  }

  /**
   * Shares the torrent from {@link #folder}.
   *
   * @param seedOnly refuse to start unless every piece is on disk
   * @param exitWhenDone return once every piece is verified, instead of seeding until Ctrl-C
   */
  int run(boolean seedOnly, boolean exitWhenDone) throws Exception {
    Info info = metainfo.info();
    try (FilePieceStore store = FilePieceStore.open(info, folder)) {
      if (!seedOnly) {
        extendShortFiles(store);
      }
      PieceState found = check(store);
      if (seedOnly && !found.isComplete()) {
        throw new CommandFailedException(
            String.format(
                "only %d of %d pieces of %s are in %s: --data must be the folder that holds %s"
                    + " (add --partial to share them anyway and fetch the rest)",
                found.verifiedCount(), info.pieceCount(), info.name(), folder, info.name()));
      }
      if (found.isComplete() && exitWhenDone) {
        out.printf("%s in %s is complete already%n", info.name(), folder);
        out.flush();
        return ExitCodes.OK;
      }
      if (!found.isComplete()) {
        store.prepareForWriting();
      }
      TrackerClient trackers =
          new TrackerClient(TRACKER_TIMEOUT, "mcbt-peer-client/" + VersionProvider.version());
      PieceTracker pieces = new PieceTracker(store, found);
      try (TorrentSession session =
          TorrentSession.start(metainfo, pieces, trackers, config, this::log)) {
        return share(session, pieces, exitWhenDone);
      }
    }
  }

  /**
   * Gives every file cut short, by an interrupted download for example, its full length (the new
   * bytes are sparse zeros), because the store counts a piece as present only in a file of full
   * length: otherwise the resume check would throw away every piece of that file.
   */
  private static void extendShortFiles(FilePieceStore store) throws IOException {
    List<FileEntry> files = store.info().files();
    for (int i = 0; i < files.size(); i++) {
      Path file = store.path(i);
      long length = files.get(i).length();
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          && Files.size(file) > 0
          && Files.size(file) < length) {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
          data.setLength(length);
        }
      }
    }
  }

  private PieceState check(FilePieceStore store) throws InterruptedException {
    Info info = store.info();
    try (HashingProgress progress =
        HashingProgress.start(info.name(), info.totalLength(), quiet, err)) {
      return ResumeCheck.run(store, progress).pieces();
    }
  }

  private int share(TorrentSession session, PieceTracker pieces, boolean exitWhenDone)
      throws Exception {
    PieceState found = pieces.state();
    Thread hook = new Thread(session::close, "announce-stopped");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(
        "%s %s in %s: %d/%d pieces on disk, listening on %s:%d%n",
        found.isComplete() ? "seeding" : "fetching",
        metainfo.info().name(),
        folder,
        found.verifiedCount(),
        metainfo.info().pieceCount(),
        config.bindAddress().getHostAddress(),
        session.port());
    out.flush();
    long startNanos = System.nanoTime();
    long verifiedAtStart = session.stats().totalBytes() - session.stats().leftBytes();
    listener.started(session, pieces);
    boolean announcedDone = found.isComplete();
    try (TransferProgress progress =
        TransferProgress.start(metainfo.info().name(), quiet, jsonProgress, err)) {
      while (true) {
        try {
          if (!found.isComplete()) { // else a multicast group delivered the last pieces
            session.completion().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          }
        } catch (TimeoutException e) {
          SessionStats stats = session.stats();
          progress.update(stats);
          listener.progress(stats.totalBytes() - stats.leftBytes());
          continue;
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
        progress.update(session.stats());
        if (!announcedDone || exitWhenDone) {
          listener.completed();
        }
        if (exitWhenDone) {
          break; // the line comes once the progress display is closed
        }
        if (!announcedDone) {
          announcedDone = true;
          done(session.stats(), verifiedAtStart, startNanos, false);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook closes the session
      }
    }
    done(session.stats(), verifiedAtStart, startNanos, true);
    return ExitCodes.OK;
  }

  /** Sums up the download: what was verified since the start, by multicast or the peer wire. */
  private void done(
      SessionStats stats, long verifiedAtStart, long startNanos, boolean exitWhenDone) {
    double seconds = Math.max(System.nanoTime() - startNanos, 1) / 1e9;
    long fetched = stats.totalBytes() - stats.leftBytes() - verifiedAtStart;
    out.printf(
        "downloaded %s to %s: %s in %.1f s (%s/s)%s%n",
        metainfo.info().name(),
        folder,
        ByteSizes.human(fetched),
        seconds,
        ByteSizes.human((long) (fetched / seconds)),
        exitWhenDone ? "" : "; seeding until Ctrl-C");
    out.flush();
  }

  private void log(String line) {
    synchronized (err) {
      err.println("note: " + line);
      err.flush();
    }
  }
}
