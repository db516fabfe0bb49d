package io.mcbt.peer.cli;

import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Makes a torrent of a file or folder and saves it, as {@code create} and {@code publish} do. */
final class TorrentMaker {
  /** The torrent made and the file it was saved to. */
  record Made(CreatedTorrent torrent, Path file) {}

  private final CreationOptions options;
  private final PrintWriter progressOut;

  TorrentMaker(CreationOptions options, PrintWriter progressOut) {
    this.options = options;
    this.progressOut = progressOut;
  }

  /** Hashes {@code source}, announcing to {@code announceUrls}, and writes the .torrent file. */
  Made make(Path source, List<String> announceUrls) throws IOException {
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(source.toString());
    }
    String name = torrentName(source);
    Path file = FileNames.torrentFile(options.output, name);
    // Before hashing, which may take minutes, rather than after.
    AtomicFiles.checkWritable(file, options.force);
    TorrentCreator creator =
        TorrentCreator.of(source)
            .announce(announceUrls.toArray(String[]::new))
            .privateTorrent(options.privateTorrent)
            .comment(options.comment)
            .createdBy("mcbt peer-client " + VersionProvider.version())
            .threads(options.threads);
    if (options.pieceLength != null) {
      creator.pieceLength(options.pieceLength);
    }
    CreatedTorrent torrent;
    try (HashingProgress progress =
        HashingProgress.start(name, creator.totalLength(), options.quiet, progressOut)) {
      torrent = creator.onProgress(progress).create();
    }
    AtomicFiles.write(file, torrent.bytes(), options.force);
    return new Made(torrent, file);
  }

  /** The name {@link TorrentCreator} gives the torrent, known before hashing. */
  static String torrentName(Path source) {
    Path fileName = source.toAbsolutePath().normalize().getFileName();
    return fileName == null ? "data" : fileName.toString();
  }
}
