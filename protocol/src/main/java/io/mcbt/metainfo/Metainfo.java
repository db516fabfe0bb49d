package io.mcbt.metainfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code .torrent} file.
 *
 * @param infoHash SHA-1 over the exact bytes of the {@code info} dictionary as received
 * @param info the {@code info} dictionary
 * @param trackerTiers announce URLs by tier: BEP 12 {@code announce-list} when present, otherwise
 *     the BEP 3 {@code announce} URL as a single tier; empty for a trackerless torrent
 * @param webSeeds BEP 19 {@code url-list}
 * @param comment the free-text {@code comment}
 * @param createdBy the {@code created by} program
 * @param creationDate the {@code creation date}
 */
public record Metainfo(
    InfoHash infoHash,
    Info info,
    List<List<String>> trackerTiers,
    List<String> webSeeds,
    Optional<String> comment,
    Optional<String> createdBy,
    Optional<Instant> creationDate) {

  public Metainfo {
    trackerTiers = trackerTiers.stream().map(List::copyOf).toList();
    webSeeds = List.copyOf(webSeeds);
  }

  /** Every announce URL once, in tier order. */
  public List<String> trackers() {
    return trackerTiers.stream().flatMap(List::stream).distinct().toList();
  }
}
