package io.mcbt.peer.cli;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.peer.index.IndexClient;
import io.mcbt.peer.index.Publication;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code publish}: uploads a .torrent to the index, making it from the data first if needed. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Publishes a torrent on the index.",
      "Given a .torrent file, uploads it as it is. Given data (a file or folder), creates its"
          + " .torrent first, announcing to the index's own tracker unless --announce says"
          + " otherwise, saves it as create would (keep it to seed), and uploads it."
    })
final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH|FILE.torrent", description = "A .torrent file, or data to share.")
  Path source;

  @Mixin ServerOption server;

  @Mixin CreationOptions creation;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    IndexClient index = server.client();
    TorrentDescription description = new TorrentDescription(out);
    byte[] torrent;
    Optional<byte[]> existing = readTorrentFile(source);
    if (existing.isPresent()) {
      if (creation.shapesTorrent()) {
        throw new UsageException(
            spec.commandLine(),
            source
                + " is already a torrent: --announce, --output, --private, --piece-length and"
                + " --comment only apply when publishing data");
      }
      torrent = existing.get();
    } else {
      List<String> announceUrls =
          creation.announceUrls().isEmpty()
              ? List.of(index.announceUrl())
              : creation.announceUrls();
      TorrentMaker.Made made =
          new TorrentMaker(creation, spec.commandLine().getErr()).make(source, announceUrls);
      description.line("created", made.file().toString());
      out.flush();
      torrent = made.torrent().bytes();
    }
    Publication publication = index.publish(torrent);
    description.line(
        "published", publication.created() ? "new on " + index.server() : "was already there");
    description.print(publication.torrent());
    description.line("torrent", publication.torrent().torrentUrl());
    description.line(
        "details", index.metadataUrl(InfoHash.fromHex(publication.torrent().infoHash())));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The bytes of {@code path} if it is a .torrent file, judged by its content. A file named {@code
   * .torrent} that does not parse is an error rather than data to share: that is almost certainly
   * not what the user meant.
   */
  static Optional<byte[]> readTorrentFile(Path path) throws IOException, CommandFailedException {
    boolean namedTorrent =
        path.getFileName() != null
            && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".torrent");
    if (!Files.isRegularFile(path)
        || Files.size(path) > MetainfoParser.Limits.DEFAULT.maxBytes()
        || !(namedTorrent || startsLikeDictionary(path))) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      MetainfoParser.parse(bytes);
      return Optional.of(bytes);
    } catch (MalformedTorrentException e) {
      if (namedTorrent) {
        throw new CommandFailedException(path + " is not a valid torrent: " + e.getMessage(), e);
      }
      return Optional.empty();
    }
  }

  private static boolean startsLikeDictionary(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.read() == 'd';
    }
  }
}
