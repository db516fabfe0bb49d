package io.mcbt.peer.index;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total how many torrents match, on all pages
 * @param page this page's number, from 0
 * @param size the page size asked for
 * @param items the torrents on this page
 */
public record SearchPage(long total, int page, int size, List<TorrentSummary> items) {

  public SearchPage {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** How many pages of {@link #size} the matches fill. */
  public long pageCount() {
    return size <= 0 ? 0 : (total + size - 1) / size;
  }
}
