package io.mcbt.tracker;

import static io.mcbt.tracker.Queries.bytes;
import static io.mcbt.tracker.Queries.filled;
import static io.mcbt.tracker.Queries.percentEncode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpScrapeTest {
  private static final InfoHash FIRST = new InfoHash(bytes(0x00, 20));
  private static final InfoHash SECOND = new InfoHash(bytes(0xEC, 20));
  private static final InfoHash THIRD = new InfoHash(filled(0x7F, 20));

  private static String param(InfoHash hash) {
    return "info_hash=" + percentEncode(hash.bytes());
  }

  @Test
  void parsesOneInfoHash() throws TrackerFailure {
    assertEquals(Set.of(SECOND), HttpScrape.parse(param(SECOND)));
  }

  @Test
  void parsesSeveralInfoHashesInTheirOrder() throws TrackerFailure {
    String query = param(THIRD) + "&" + param(FIRST) + "&peer_id=ignored&" + param(SECOND);

    assertEquals(List.of(THIRD, FIRST, SECOND), new ArrayList<>(HttpScrape.parse(query)));
  }

  @Test
  void collapsesDuplicateInfoHashes() throws TrackerFailure {
    String query = param(FIRST) + "&" + param(SECOND) + "&" + param(FIRST) + "&" + param(FIRST);

    assertEquals(List.of(FIRST, SECOND), new ArrayList<>(HttpScrape.parse(query)));
  }

  @Test
  void acceptsTheMaximumNumberOfInfoHashes() throws TrackerFailure {
    List<InfoHash> hashes =
        IntStream.range(0, HttpScrape.MAX_INFO_HASHES)
            .mapToObj(i -> new InfoHash(filled(i, 20)))
            .toList();
    String query = hashes.stream().map(HttpScrapeTest::param).collect(Collectors.joining("&"));

    assertEquals(hashes, new ArrayList<>(HttpScrape.parse(query)));
  }

  @Test
  void refusesMoreThanTheMaximumEvenWhenDuplicated() {
    String query = (param(FIRST) + "&").repeat(HttpScrape.MAX_INFO_HASHES + 1);

    assertFailure(query, "at most 100 info_hash per scrape");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "&", "peer_id=x", "info_hashes=abc"})
  void refusesAFullScrape(String query) {
    assertFailure(query, "missing parameter info_hash (a full scrape is not offered)");
  }

  @Test
  void refusesAnInfoHashOfTheWrongLength() {
    assertFailure(
        "info_hash=" + percentEncode(filled(1, 19)), "info_hash must be 20 bytes, got 19");
    assertFailure(
        "info_hash=" + percentEncode(filled(1, 21)), "info_hash must be 20 bytes, got 21");
    assertFailure(param(FIRST) + "&info_hash=", "info_hash must be 20 bytes, got 0");
  }

  @Test
  void refusesABadPercentEscape() {
    assertFailure(param(FIRST) + "&info_hash=%ZZ", "invalid percent-escape");
  }

  private static void assertFailure(String query, String reason) {
    TrackerFailure failure = assertThrows(TrackerFailure.class, () -> HttpScrape.parse(query));
    assertTrue(failure.getMessage().contains(reason), failure.getMessage());
  }
}
