package io.mcbt.peer.index;

import java.util.List;

/**
 * A torrent's metadata as the index describes it.
 *
 * @param infoHash 40 lower-case hex digits
 * @param name the torrent's name
 * @param totalSize bytes of data
 * @param pieceLength bytes per piece
 * @param pieceCount number of pieces
 * @param fileCount number of files
 * @param files every file, path joined with '/'
 * @param trackers announce URLs by tier
 * @param privateTorrent the BEP 27 private flag
 * @param comment the torrent's comment, or null
 * @param createdBy the creating program, or null
 * @param creationDate ISO-8601 instant, or null
 * @param addedAt ISO-8601 instant the index received it
 * @param magnet the magnet link
 * @param torrentUrl where the {@code .torrent} file is downloaded
 */
public record TorrentDetails(
    String infoHash,
    String name,
    long totalSize,
    long pieceLength,
    int pieceCount,
    int fileCount,
    List<FileDetails> files,
    List<List<String>> trackers,
    boolean privateTorrent,
    String comment,
    String createdBy,
    String creationDate,
    String addedAt,
    String magnet,
    String torrentUrl) {

  public TorrentDetails {
    files = files == null ? List.of() : List.copyOf(files);
    trackers = trackers == null ? List.of() : trackers.stream().map(List::copyOf).toList();
  }

  /**
   * One file of the torrent.
   *
   * @param path below the torrent's folder, joined with '/'
   * @param length bytes
   */
  public record FileDetails(String path, long length) {}
}
