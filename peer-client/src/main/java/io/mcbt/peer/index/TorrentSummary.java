package io.mcbt.peer.index;

/**
 * One torrent in a list of search results.
 *
 * @param infoHash 40 lower-case hex digits
 * @param name the torrent's name
 * @param totalSize bytes of data
 * @param fileCount number of files
 * @param privateTorrent the BEP 27 private flag
 * @param addedAt ISO-8601 instant the index received it
 */
public record TorrentSummary(
    String infoHash,
    String name,
    long totalSize,
    int fileCount,
    boolean privateTorrent,
    String addedAt) {}
