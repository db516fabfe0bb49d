package io.mcbt.peer.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How to make a torrent of data: the options {@code create} and {@code publish} share. */
final class CreationOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"-a", "--announce"},
      paramLabel = "URL",
      converter = TrackerUrlConverter.class,
      description = "A tracker URL; repeat for backup trackers, each in its own tier.")
  List<String> announceUrls;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the .torrent (default: <name>.torrent here; a folder works).")
  Path output;

  @Option(
      names = "--private",
      description = "Mark the torrent private: peers come from the tracker only (BEP 27).")
  boolean privateTorrent;

  @Option(
      names = "--piece-length",
      paramLabel = "BYTES",
      converter = PieceLengthConverter.class,
      description = "A power of two from 16K to 16M, like 256K or 1M (default: chosen by size).")
  Long pieceLength;

  @Option(names = "--comment", paramLabel = "TEXT", description = "A comment for the torrent.")
  String comment;

  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--force", description = "Replace the .torrent file if it exists.")
  boolean force;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not show hashing progress.")
  boolean quiet;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Hashing threads (default: one per core).")
  void threads(int count) {
    if (count < 1) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--threads must be at least 1, got " + count);
    }
    threads = count;
  }

  List<String> announceUrls() {
    return announceUrls == null ? List.of() : List.copyOf(announceUrls);
  }

  /** Whether any option that shapes a new torrent was given. */
  boolean shapesTorrent() {
    return !announceUrls().isEmpty()
        || output != null
        || privateTorrent
        || pieceLength != null
        || comment != null;
  }

  /** Accepts absolute http, https and udp tracker URLs. */
  static final class TrackerUrlConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String text) {
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (List.of("http", "https", "udp").contains(scheme) && uri.getHost() != null) {
          return text;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new CommandLine.TypeConversionException(
          "\"" + text + "\" is not a tracker URL like http://tracker.example/announce");
    }
  }
}
