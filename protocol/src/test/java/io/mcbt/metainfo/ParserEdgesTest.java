package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.concat;
import static io.mcbt.metainfo.Bencoding.integer;
import static io.mcbt.metainfo.Bencoding.list;
import static io.mcbt.metainfo.Bencoding.raw;
import static io.mcbt.metainfo.TorrentShapes.VALID_MULTI;
import static io.mcbt.metainfo.TorrentShapes.VALID_SINGLE;
import static io.mcbt.metainfo.TorrentShapes.file;
import static io.mcbt.metainfo.TorrentShapes.multiInfo;
import static io.mcbt.metainfo.TorrentShapes.singleInfo;
import static io.mcbt.metainfo.TorrentShapes.torrent;
import static io.mcbt.metainfo.TorrentShapes.withPath;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Bencoding.Raw;
import org.junit.jupiter.api.Test;

/**
 * What the parser accepts at its edges: each limit met exactly and then passed by one, the longest
 * path component, names that only resemble unsafe ones, the extreme integers.
 */
class ParserEdgesTest {
  @Test
  void acceptsComponentOf255Bytes() throws MalformedTorrentException {
    String longest = "é".repeat(127) + "a";

    Metainfo metainfo = MetainfoParser.parse(withPath(longest).bytes());

    assertEquals(longest, metainfo.info().files().get(0).path().get(0));
  }

  @Test
  void acceptsNamesThatOnlyResembleUnsafeOnes() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            torrent(multiInfo(list(file(1, "..a", "b.."), file(0, "1:", ":C"), file(0, "..."))))
                .bytes());

    assertEquals(3, metainfo.info().files().size());
  }

  @Test
  void acceptsSizeAtTheLimitAndRejectsOneByteMore() {
    byte[] torrent = VALID_SINGLE.bytes();
    MetainfoParser atLimit = parserWith(torrent.length, 32, 10);
    MetainfoParser belowLimit = parserWith(torrent.length - 1, 32, 10);

    assertDoesNotThrow(() -> atLimit.read(torrent));
    MalformedTorrentException e =
        assertThrows(MalformedTorrentException.class, () -> belowLimit.read(torrent));
    assertEquals("torrent is larger than " + (torrent.length - 1) + " bytes", e.getMessage());
  }

  @Test
  void rejectsTooLargeTorrentBeforeLookingAtIt() {
    byte[] garbage = new byte[MetainfoParser.Limits.DEFAULT.maxBytes() + 1];

    MalformedTorrentException e =
        assertThrows(MalformedTorrentException.class, () -> MetainfoParser.parse(garbage));
    assertEquals("torrent is larger than 16777216 bytes", e.getMessage());
  }

  @Test
  void acceptsNestingAtTheDepthLimitAndRejectsOneLevelMore() {
    byte[] torrent = VALID_MULTI.bytes();

    assertDoesNotThrow(() -> parserWith(1 << 20, 5, 10).read(torrent));
    MalformedTorrentException e =
        assertThrows(
            MalformedTorrentException.class, () -> parserWith(1 << 20, 4, 10).read(torrent));
    assertTrue(e.getMessage().contains("nesting deeper than 4 levels"), e.getMessage());
  }

  @Test
  void acceptsFileCountAtTheLimitAndRejectsOneMore() {
    Raw files = list(file(1, "a"), file(0, "b"), file(0, "c"));
    byte[] torrent = torrent(multiInfo(files)).bytes();

    assertDoesNotThrow(() -> parserWith(1 << 20, 32, 3).read(torrent));
    MalformedTorrentException e =
        assertThrows(
            MalformedTorrentException.class, () -> parserWith(1 << 20, 32, 2).read(torrent));
    assertEquals("info.files lists more than 2", e.getMessage());
  }

  @Test
  void acceptsPieceLengthAtTheLimitAndRejectsOneMore() {
    byte[] torrent = VALID_SINGLE.bytes();
    MetainfoParser.Limits atLimit = new MetainfoParser.Limits(1 << 20, 32, 10, 16384);
    MetainfoParser.Limits belowLimit = new MetainfoParser.Limits(1 << 20, 32, 10, 16383);

    assertDoesNotThrow(() -> new MetainfoParser(atLimit).read(torrent));
    MalformedTorrentException e =
        assertThrows(
            MalformedTorrentException.class, () -> new MetainfoParser(belowLimit).read(torrent));
    assertEquals("info.piece length must be between 1 and 16383", e.getMessage());
  }

  @Test
  void acceptsLongestAndShortestLongs() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            torrent(singleInfo(), "x-max", Long.MAX_VALUE, "x-min", Long.MIN_VALUE).bytes());

    assertEquals("a.bin", metainfo.info().name());
  }

  @Test
  void reportsTheOffsetOfANonStringKey() {
    MalformedTorrentException e =
        assertThrows(
            MalformedTorrentException.class,
            () -> MetainfoParser.parse(concat(raw("d4:info"), integer(1), raw("i2e")).bytes()));
    assertTrue(e.getMessage().endsWith("at offset 10"), e.getMessage());
  }

  private static MetainfoParser parserWith(int maxBytes, int maxDepth, int maxFiles) {
    return new MetainfoParser(new MetainfoParser.Limits(maxBytes, maxDepth, maxFiles, 256 << 20));
  }
}
