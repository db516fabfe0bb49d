package io.mcbt.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void decodesNamesAndValuesByteByByte() throws TrackerFailure {
    QueryString query = QueryString.parse("a%5Fb=%00%7f%80%Ff&c+d=x+y%2B");

    assertArrayEquals(new byte[] {0, 0x7F, (byte) 0x80, (byte) 0xFF}, query.bytes("a_b"));
    assertEquals("x y+", query.text("c d"));
  }

  @Test
  void aNameWithoutEqualsHasAnEmptyValue() throws TrackerFailure {
    QueryString query = QueryString.parse("flag&other=1");

    assertArrayEquals(new byte[0], query.bytes("flag"));
    assertNull(query.bytes("missing"));
    assertNull(query.text("missing"));
  }

  @Test
  void onlyTheFirstEqualsSeparates() throws TrackerFailure {
    assertEquals("b=c", QueryString.parse("a=b=c").text("a"));
  }

  @Test
  void keepsEveryValueOfARepeatedName() throws TrackerFailure {
    QueryString query = QueryString.parse("h=1&x=2&h=3&h=");

    List<byte[]> all = query.all("h");
    assertEquals(3, all.size());
    assertArrayEquals(new byte[] {'1'}, all.get(0));
    assertArrayEquals(new byte[] {'3'}, all.get(1));
    assertArrayEquals(new byte[0], all.get(2));
    assertEquals(List.of(), query.all("none"));
    assertThrows(TrackerFailure.class, () -> query.bytes("h"));
  }

  @Test
  void encodesUnescapedNonAsciiCharactersAsUtf8() throws TrackerFailure {
    assertArrayEquals("é✓".getBytes(StandardCharsets.UTF_8), QueryString.parse("v=é✓").bytes("v"));
  }

  @Test
  void encodesUnescapedSupplementaryCharactersAsUtf8() throws TrackerFailure {
    assertArrayEquals("😀".getBytes(StandardCharsets.UTF_8), QueryString.parse("v=😀").bytes("v"));
  }

  @Test
  void anIncompleteEscapeAfterWholeOnesIsRefusedNotAnArrayOverflow() {
    // Found by HttpQueryFuzzTest: the decoded length was counted before the escapes were checked.
    TrackerFailure failure =
        assertThrows(TrackerFailure.class, () -> QueryString.parse("info_hash=%12%34%&x=1"));
    assertTrue(failure.getMessage().contains("percent-escape"), failure.getMessage());
  }
}
