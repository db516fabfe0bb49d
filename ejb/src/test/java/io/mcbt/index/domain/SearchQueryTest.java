package io.mcbt.index.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  @Test
  void wordsAreLettersAndDigitsInLowerCase() {
    assertEquals(
        List.of("ubuntu", "24", "04", "server", "amd64", "iso"),
        SearchQuery.words("Ubuntu-24.04_server (amd64).ISO"));
  }

  @Test
  void wordsKeepLettersOfEveryScript() {
    assertEquals(List.of("données", "été", "日本語"), SearchQuery.words("Données été 日本語"));
  }

  @Test
  void repeatedWordsCountOnce() {
    assertEquals(List.of("a", "b"), SearchQuery.words("a b A"));
  }

  @Test
  void blankOrMissingTextMatchesEverything() {
    assertEquals(List.of(), SearchQuery.of(null, 0, 20).words());
    assertEquals(List.of(), SearchQuery.of("  -- ", 0, 20).words());
  }

  @Test
  void offsetIsPageTimesSize() {
    assertEquals(60, SearchQuery.of("x", 3, 20).offset());
  }

  @Test
  void pageAndSizeAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("x", -1, 20));
    assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("x", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("x", 0, 101));
    assertEquals(100, SearchQuery.of("x", 0, 100).size());
  }

  @Test
  void queryLengthIsBounded() {
    assertEquals(1, SearchQuery.of("a".repeat(200), 0, 1).words().size());
    assertThrows(IllegalArgumentException.class, () -> SearchQuery.of("a".repeat(201), 0, 1));
  }
}
