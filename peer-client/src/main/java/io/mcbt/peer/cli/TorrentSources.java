package io.mcbt.peer.cli;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/** Where {@code seed} and {@code get} take a torrent from: a file, or the index by info-hash. */
final class TorrentSources {
  /** Larger than any sane .torrent; the parser has the same bound. */
  private static final long MAX_TORRENT_BYTES = MetainfoParser.Limits.DEFAULT.maxBytes();

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
   * An existing file is read; an info-hash or magnet link is fetched from the index and checked
   * against the hash (metadata from peers, BEP 9, is not supported yet).
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
    return FetchCommand.verified(server.client().torrentFile(infoHash), infoHash);
  }

  private static boolean isFile(String target) {
    try {
      return !target.startsWith("magnet:") && Files.isRegularFile(Path.of(target));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
