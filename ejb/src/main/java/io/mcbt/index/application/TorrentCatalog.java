package io.mcbt.index.application;

import com.mongodb.MongoException;
import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.SearchQuery;
import io.mcbt.index.domain.TorrentPublished;
import io.mcbt.index.domain.TorrentRepository;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.platform.StoreUnavailableException;
import io.mcbt.tracker.PeerEndpoint;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** The index's use cases: publish, search, look up and download torrents. */
@Stateless
public class TorrentCatalog {
  private static final Logger LOG = Logger.getLogger(TorrentCatalog.class.getName());

  @Inject TorrentRepository repository;
  @Inject IndexSettings settings;
  @Inject Event<TorrentPublished> published;

  /**
   * Checks a {@code .torrent} strictly and keeps it with its exact bytes. Publishing the same
   * torrent (same info-hash) again changes nothing and returns the torrent already held. Either way
   * the trackers are told (synchronously, so the seeder is known before this returns).
   */
  public Publication publish(byte[] torrentFile, Optional<PeerEndpoint> seeder)
      throws MalformedTorrentException {
    Metainfo metainfo = parser().read(torrentFile);
    // The store keeps milliseconds; truncate so the answer equals what a later read returns.
    PublishedTorrent torrent =
        PublishedTorrent.of(metainfo, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    boolean added;
    try {
      added = repository.add(torrent, torrentFile);
      published.fire(new TorrentPublished(metainfo.infoHash(), metainfo.trackers(), seeder));
      if (!added) {
        return new Publication(repository.find(torrent.infoHash()).orElseThrow(), false);
      }
    } catch (MongoException e) {
      throw new StoreUnavailableException(e);
    }
    LOG.info(
        () ->
            String.format(
                "Torrent published: %s name=\"%s\" size=%d files=%d pieces=%d",
                torrent.infoHash(),
                torrent.name(),
                torrent.totalSize(),
                torrent.files().size(),
                torrent.pieceCount()));
    return new Publication(torrent, true);
  }

  public Optional<PublishedTorrent> find(InfoHash infoHash) {
    return stored(() -> repository.find(infoHash));
  }

  public Optional<byte[]> torrentFile(InfoHash infoHash) {
    return stored(() -> repository.torrentFile(infoHash));
  }

  public SearchPage search(SearchQuery query) {
    return stored(() -> repository.search(query));
  }

  private static <T> T stored(Supplier<T> read) {
    try {
      return read.get();
    } catch (MongoException e) {
      throw new StoreUnavailableException(e);
    }
  }

  private MetainfoParser parser() {
    MetainfoParser.Limits defaults = MetainfoParser.Limits.DEFAULT;
    return new MetainfoParser(
        new MetainfoParser.Limits(
            settings.maxTorrentBytes(),
            defaults.maxDepth(),
            defaults.maxFiles(),
            defaults.maxPieceLength()));
  }
}
