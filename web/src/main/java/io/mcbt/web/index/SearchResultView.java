package io.mcbt.web.index;

import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.TorrentSummary;
import java.util.List;

/** The JSON form of one page of search results. */
public record SearchResultView(long total, int page, int size, List<Item> items) {

  /** One torrent in the list. */
  public record Item(
      String infoHash,
      String name,
      long totalSize,
      int fileCount,
      boolean privateTorrent,
      String addedAt) {
    static Item of(TorrentSummary summary) {
      return new Item(
          summary.infoHash().hex(),
          summary.name(),
          summary.totalSize(),
          summary.fileCount(),
          summary.privateTorrent(),
          summary.addedAt().toString());
    }
  }

  static SearchResultView of(SearchPage page) {
    return new SearchResultView(
        page.total(), page.page(), page.size(), page.items().stream().map(Item::of).toList());
  }
}
