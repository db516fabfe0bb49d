package io.mcbt.index.domain;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.Metainfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A torrent in the index: what a leecher needs to decide to download it.
 *
 * @param infoHash the torrent's identity
 * @param name the file or folder name
 * @param totalSize bytes of data
 * @param pieceLength bytes per piece
 * @param pieceCount number of pieces
 * @param files every file with its path and size
 * @param trackerTiers announce URLs by tier (BEP 12)
 * @param privateTorrent the BEP 27 flag
 * @param comment the torrent's comment
 * @param createdBy the program that made it
 * @param creationDate when it was made, as the torrent says
 * @param addedAt when it was published here
 */
public record PublishedTorrent(
    InfoHash infoHash,
    String name,
    long totalSize,
    long pieceLength,
    int pieceCount,
    List<FileEntry> files,
    List<List<String>> trackerTiers,
    boolean privateTorrent,
    Optional<String> comment,
    Optional<String> createdBy,
    Optional<Instant> creationDate,
    Instant addedAt) {

  public PublishedTorrent {
    files = List.copyOf(files);
    trackerTiers = trackerTiers.stream().map(List::copyOf).toList();
  }

  public static PublishedTorrent of(Metainfo metainfo, Instant addedAt) {
    return new PublishedTorrent(
        metainfo.infoHash(),
        metainfo.info().name(),
        metainfo.info().totalLength(),
        metainfo.info().pieceLength(),
        metainfo.info().pieceCount(),
        metainfo.info().files(),
        metainfo.trackerTiers(),
        metainfo.info().privateTorrent(),
        metainfo.comment(),
        metainfo.createdBy(),
        metainfo.creationDate(),
        addedAt);
  }

  public TorrentSummary summary() {
    return new TorrentSummary(infoHash, name, totalSize, files.size(), privateTorrent, addedAt);
  }
}
