package io.mcbt.tracker;

import io.mcbt.metainfo.InfoHash;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses the query of {@code GET /scrape} (BEP 48): one or more {@code info_hash}. */
public final class HttpScrape {
  /** More than this in one request is refused: a scrape of everything is not offered. */
  public static final int MAX_INFO_HASHES = 100;

  private HttpScrape() {}

  public static Set<InfoHash> parse(String rawQuery) throws TrackerFailure {
    List<byte[]> values = QueryString.parse(rawQuery).all("info_hash");
    if (values.isEmpty()) {
      throw new TrackerFailure("missing parameter info_hash (a full scrape is not offered)");
    }
    if (values.size() > MAX_INFO_HASHES) {
      throw new TrackerFailure("at most " + MAX_INFO_HASHES + " info_hash per scrape");
    }
    Set<InfoHash> hashes = new LinkedHashSet<>();
    for (byte[] value : values) {
      if (value.length != InfoHash.LENGTH) {
        throw new TrackerFailure("info_hash must be 20 bytes, got " + value.length);
      }
      hashes.add(new InfoHash(value));
    }
    return hashes;
  }
}
