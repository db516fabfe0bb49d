package io.mcbt.index.domain;

import io.mcbt.metainfo.InfoHash;
import java.time.Instant;

/** One line of a search result. */
public record TorrentSummary(
    InfoHash infoHash,
    String name,
    long totalSize,
    int fileCount,
    boolean privateTorrent,
    Instant addedAt) {}
