package io.mcbt.peer.cli;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.peer.index.IndexClient;
import io.mcbt.peer.index.SearchPage;
import io.mcbt.peer.index.TorrentSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fetch}: downloads a published .torrent file, checked, by info-hash or by name. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Downloads a .torrent file from the index, byte for byte as it was published.",
      "Give an info-hash (40 hex digits), a magnet link, or words of the name: a name must match"
          + " exactly one torrent, or one torrent's whole name."
    })
final class FetchCommand implements Callable<Integer> {
  /** Enough to find a torrent whose whole name is the query among many partial matches. */
  private static final int NAME_SEARCH_SIZE = SearchCommand.MAX_PAGE_SIZE;

  private static final int MAX_LISTED = 20;
  private static final String STDOUT = "-";

  @Spec CommandSpec spec;

  @ParentCommand PeerClient client;

  @Parameters(
      paramLabel = "INFOHASH|NAME",
      description = "An info-hash, a magnet link, or words of the torrent's name.")
  String target;

  @Mixin ServerOption server;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where to write it (default: <name>.torrent here; a folder works; - for stdout).")
  String output;

  @Option(names = "--force", description = "Replace a different file of the same name.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    FetchTarget wanted;
    try {
      wanted = FetchTarget.parse(target);
    } catch (IllegalArgumentException e) {
      throw new UsageException(spec.commandLine(), e.getMessage());
    }
    IndexClient index = server.client();
    InfoHash infoHash =
        wanted instanceof FetchTarget.ByHash byHash
            ? byHash.infoHash()
            : findByName(index, ((FetchTarget.ByName) wanted).name());
    byte[] torrent = index.torrentFile(infoHash);
    Metainfo metainfo = verified(torrent, infoHash);
    boolean toStdout = STDOUT.equals(output);
    // With the torrent on stdout, the report must not end up in the same pipe.
    PrintWriter report = toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
    TorrentDescription description = new TorrentDescription(report);
    if (toStdout) {
      OutputStream out = client.binaryOut();
      out.write(torrent);
      out.flush();
    } else {
      Path file = outputFile(metainfo);
      description.line(save(file, torrent) ? "saved" : "unchanged", file.toString());
    }
    description.print(metainfo);
    report.flush();
    return ExitCodes.OK;
  }

  private InfoHash findByName(IndexClient index, String name) throws Exception {
    SearchPage found = index.search(name, 0, NAME_SEARCH_SIZE);
    List<TorrentSummary> matches = found.items();
    if (matches.isEmpty()) {
      throw new CommandFailedException(
          "no torrent on " + index.server() + " matches \"" + name + "\"");
    }
    List<TorrentSummary> wholeName =
        matches.stream().filter(torrent -> torrent.name().equals(name)).toList();
    if (found.total() == 1 || wholeName.size() == 1) {
      TorrentSummary chosen = found.total() == 1 ? matches.get(0) : wholeName.get(0);
      try {
        return InfoHash.fromHex(chosen.infoHash());
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException(
            "the index listed an invalid info-hash \"" + chosen.infoHash() + "\"", e);
      }
    }
    throw new UsageException(spec.commandLine(), ambiguity(name, found));
  }

  private static String ambiguity(String name, SearchPage found) {
    StringWriter text = new StringWriter();
    PrintWriter list = new PrintWriter(text);
    list.printf(
        "%d torrents match \"%s\"; fetch one of them by its info-hash:%n", found.total(), name);
    List<TorrentSummary> listed =
        found.items().subList(0, Math.min(MAX_LISTED, found.items().size()));
    SearchCommand.printTable(listed, list);
    if (found.total() > listed.size()) {
      list.printf("... and %d more; add words to narrow the search", found.total() - listed.size());
    }
    list.flush();
    return text.toString().stripTrailing();
  }

  /** Nothing is written unless the bytes are the torrent that was asked for. */
  static Metainfo verified(byte[] torrent, InfoHash wanted) throws CommandFailedException {
    Metainfo metainfo;
    try {
      metainfo = MetainfoParser.parse(torrent);
    } catch (MalformedTorrentException e) {
      throw new CommandFailedException(
          "the index sent a .torrent that does not parse (" + e.getMessage() + "); nothing saved",
          e);
    }
    if (!metainfo.infoHash().equals(wanted)) {
      throw new CommandFailedException(
          "the index sent the wrong torrent: asked for "
              + wanted
              + ", got "
              + metainfo.infoHash()
              + "; nothing saved");
    }
    return metainfo;
  }

  private Path outputFile(Metainfo metainfo) {
    try {
      return FileNames.torrentFile(output == null ? null : Path.of(output), metainfo.info().name());
    } catch (InvalidPathException e) {
      throw new UsageException(spec.commandLine(), "--output: " + e.getMessage());
    }
  }

  /** Writes the file; false when it already held exactly these bytes. */
  private boolean save(Path file, byte[] torrent) throws IOException {
    if (Files.isRegularFile(file)
        && Files.size(file) == torrent.length
        && Arrays.equals(Files.readAllBytes(file), torrent)) {
      return false;
    }
    AtomicFiles.write(file, torrent, force);
    return true;
  }
}
