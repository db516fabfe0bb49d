package io.mcbt.index.domain;

import io.mcbt.metainfo.InfoHash;
import java.util.Optional;

/** Where published torrents are kept. */
public interface TorrentRepository {

  /**
   * Stores a torrent and its original bytes unless one with the same info-hash is there already.
   *
   * @return true if it was added, false if it was already present (nothing changes then)
   */
  boolean add(PublishedTorrent torrent, byte[] torrentFile);

  Optional<PublishedTorrent> find(InfoHash infoHash);

  /** The exact bytes that were published. */
  Optional<byte[]> torrentFile(InfoHash infoHash);

  SearchPage search(SearchQuery query);
}
