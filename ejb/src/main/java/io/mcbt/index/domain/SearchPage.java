package io.mcbt.index.domain;

import java.util.List;

/**
 * One page of search results, newest first.
 *
 * @param items the torrents on this page
 * @param total how many torrents match in all
 * @param page the page number, from 0
 * @param size the page size asked for
 */
public record SearchPage(List<TorrentSummary> items, long total, int page, int size) {
  public SearchPage {
    items = List.copyOf(items);
  }
}
