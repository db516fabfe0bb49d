package io.mcbt.index.domain;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * A torrent was published (or published again) to the index: the trackers named in its announce
 * list should track it, and learn of its seeder when the publisher gave one.
 *
 * @param infoHash the torrent
 * @param trackers its announce URLs, every tier
 * @param seeder where the publishing seeder accepts peer connections, if given
 */
public record TorrentPublished(
    InfoHash infoHash, List<String> trackers, Optional<PeerEndpoint> seeder) {
  public TorrentPublished {
    trackers = List.copyOf(trackers);
  }
}
