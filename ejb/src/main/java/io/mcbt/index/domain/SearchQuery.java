package io.mcbt.index.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A name search: every word of the query must begin a word of the torrent's name, ignoring case
 * ("ubu 24" finds "Ubuntu-24.04-server.iso").
 *
 * @param words lower-case words; empty matches every torrent
 * @param page the page number, from 0
 * @param size the page size
 */
public record SearchQuery(List<String> words, int page, int size) {
  public static final int MAX_PAGE_SIZE = 100;
  public static final int MAX_QUERY_LENGTH = 200;

  public SearchQuery {
    words = List.copyOf(words);
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
    }
  }

  /** Builds a query from what a user typed. */
  public static SearchQuery of(String text, int page, int size) {
    String query = text == null ? "" : text;
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new IllegalArgumentException(
          "query must be at most " + MAX_QUERY_LENGTH + " characters");
    }
    return new SearchQuery(words(query), page, size);
  }

  /** The words of a name or a query: letters and digits, lower-cased. */
  public static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(word -> !word.isEmpty())
        .distinct()
        .toList();
  }

  public long offset() {
    return (long) page * size;
  }
}
