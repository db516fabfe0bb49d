package io.mcbt.web.index;

import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.TorrentSummary;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.ScrapeCounts;
import java.util.List;
import java.util.Map;

/** The JSON form of one page of search results. */
public record SearchResultView(long total, int page, int size, List<Item> items) {

  /** One torrent in the list. */
  public record Item(
      String infoHash,
      String name,
      long totalSize,
      int fileCount,
      boolean privateTorrent,
      String addedAt,
      int seeders,
      int leechers,
      long completed) {
    static Item of(TorrentSummary summary, ScrapeCounts swarm) {
      return new Item(
          summary.infoHash().hex(),
          summary.name(),
          summary.totalSize(),
          summary.fileCount(),
          summary.privateTorrent(),
          summary.addedAt().toString(),
          swarm.complete(),
          swarm.incomplete(),
          swarm.downloaded());
    }
  }

  /** A page, with each torrent's swarm as the tracker sees it now. */
  static SearchResultView of(SearchPage page, Map<InfoHash, ScrapeCounts> swarms) {
    return new SearchResultView(
        page.total(),
        page.page(),
        page.size(),
        page.items().stream()
            .map(item -> Item.of(item, swarms.getOrDefault(item.infoHash(), TorrentView.NO_SWARM)))
            .toList());
  }
}
