package io.mcbt.peer.cli;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MagnetLink;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.peer.index.IndexException;
import io.mcbt.peer.session.MetadataFetch;
import io.mcbt.peer.session.SessionConfig;
import io.mcbt.peer.tracker.TrackerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where {@code seed} and {@code get} take a torrent from: a file, the index by info-hash, or for a
 * magnet link the index and else the peers of the link's trackers (BEP 9).
 */
final class TorrentSources {
  /** Larger than any sane .torrent; the parser has the same bound. */
  private static final long MAX_TORRENT_BYTES = MetainfoParser.Limits.DEFAULT.maxBytes();

  /** How long {@code get} looks for peers that give a magnet link's metadata. */
  static final Duration METADATA_TIMEOUT = Duration.ofMinutes(2);

  private TorrentSources() {}

  /** Reads and parses a .torrent file. */
  static Metainfo readFile(Path file) throws IOException, CommandFailedException {
    if (Files.size(file) > MAX_TORRENT_BYTES) {
      throw new CommandFailedException(file + " is too large to be a .torrent file");
    }
    try {
      return MetainfoParser.parse(Files.readAllBytes(file));
    } catch (MalformedTorrentException e) {
      throw new CommandFailedException(file + " is not a valid .torrent: " + e.getMessage(), e);
    }
  }

  /**
   * An existing file is read; an info-hash is fetched from the index and checked against the hash.
   * A magnet link too, but when the index cannot give it and the link names trackers, the metadata
   * comes from the peers they name.
   */
  static Metainfo resolve(String target, ServerOption server, CommandLine commandLine)
      throws Exception {
    if (isFile(target)) {
      return readFile(Path.of(target));
    }
    if (target.strip().toLowerCase(Locale.ROOT).endsWith(".torrent")) {
      throw new NoSuchFileException(target);
    }
    FetchTarget wanted;
    try {
      wanted = FetchTarget.parse(target);
    } catch (IllegalArgumentException e) {
      throw new UsageException(commandLine, e.getMessage());
    }
    if (!(wanted instanceof FetchTarget.ByHash byHash)) {
      throw new UsageException(
          commandLine,
          "\"" + target + "\" is neither a .torrent file, an info-hash nor a magnet link");
    }
    InfoHash infoHash = byHash.infoHash();
    try {
      return FetchCommand.verified(server.client().torrentFile(infoHash), infoHash);
    } catch (IndexException | CommandFailedException e) {
      if (!target.strip().startsWith("magnet:")) {
        throw e;
      }
      MagnetLink magnet = MagnetLink.parse(target.strip());
      if (magnet.trackers().isEmpty()) {
        throw e;
      }
      PrintWriter err = commandLine.getErr();
      err.printf(
          "note: no torrent from the index (%s); fetching the metadata from peers%n",
          e.getMessage());
      err.flush();
      Metainfo metainfo =
          MetadataFetch.fetch(
              magnet,
              new TrackerClient(
                  SwarmRunner.TRACKER_TIMEOUT, "mcbt-peer-client/" + VersionProvider.version()),
              peerConfig(commandLine),
              METADATA_TIMEOUT,
              line -> {
                err.println("note: " + line);
                err.flush();
              });
      err.printf("note: metadata of %s from peers%n", metainfo.info().name());
      err.flush();
      return metainfo;
    }
  }

  /** The command's {@code --bind} and {@code --port}, read before the command builds its own. */
  private static SessionConfig peerConfig(CommandLine commandLine) {
    OptionSpec bind = commandLine.getCommandSpec().findOption("--bind");
    OptionSpec port = commandLine.getCommandSpec().findOption("--port");
    return SessionConfig.of(
        bind == null ? InetAddress.getLoopbackAddress() : bind.getValue(),
        port == null ? SessionConfig.DEFAULT_PORT : (int) port.getValue());
  }

  private static boolean isFile(String target) {
    try {
      return !target.startsWith("magnet:") && Files.isRegularFile(Path.of(target));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
