package io.mcbt.web.index;

import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.MagnetLink;
import io.mcbt.tracker.ScrapeCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON form of a torrent's metadata. */
public record TorrentView(
    String infoHash,
    String name,
    long totalSize,
    long pieceLength,
    int pieceCount,
    int fileCount,
    List<FileView> files,
    List<List<String>> trackers,
    boolean privateTorrent,
    String comment,
    String createdBy,
    String creationDate,
    String addedAt,
    String magnet,
    String torrentUrl,
    int seeders,
    int leechers,
    long completed) {

  static final ScrapeCounts NO_SWARM = new ScrapeCounts(0, 0, 0);

  /**
   * One file.
   *
   * @param path its path below the torrent's folder, joined with '/'
   * @param length bytes
   */
  public record FileView(String path, long length) {
    static FileView of(FileEntry file) {
      return new FileView(file.displayPath(), file.length());
    }
  }

  static TorrentView of(PublishedTorrent torrent, String torrentUrl, ScrapeCounts swarm) {
    MagnetLink magnet =
        new MagnetLink(
            torrent.infoHash(),
            Optional.of(torrent.name()),
            torrent.trackerTiers().stream().flatMap(List::stream).distinct().toList());
    return new TorrentView(
        torrent.infoHash().hex(),
        torrent.name(),
        torrent.totalSize(),
        torrent.pieceLength(),
        torrent.pieceCount(),
        torrent.files().size(),
        torrent.files().stream().map(FileView::of).toList(),
        torrent.trackerTiers(),
        torrent.privateTorrent(),
        torrent.comment().orElse(null),
        torrent.createdBy().orElse(null),
        torrent.creationDate().map(Instant::toString).orElse(null),
        torrent.addedAt().toString(),
        magnet.uri(),
        torrentUrl,
        swarm.complete(),
        swarm.incomplete(),
        swarm.downloaded());
  }
}
