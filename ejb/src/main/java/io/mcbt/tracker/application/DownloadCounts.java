package io.mcbt.tracker.application;

import io.mcbt.metainfo.InfoHash;
import java.util.Map;

/** Completed downloads per torrent, kept durable (the {@code downloaded} of a scrape). */
public interface DownloadCounts {

  long downloaded(InfoHash infoHash);

  /** Adds to the stored counts. */
  void add(Map<InfoHash, Long> completed);
}
