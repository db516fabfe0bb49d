package io.mcbt.metainfo;

import static io.mcbt.metainfo.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Torrents made by Debian's mktorrent 1.1; see {@code src/test/resources/torrents/README.md}. */
class MktorrentFixturesTest {
  private static final int PIECE_LENGTH = 32 * 1024;

  @Test
  void parsesSingleFileTorrent() throws MalformedTorrentException {
    Metainfo metainfo = MetainfoParser.parse(TestData.resource("/torrents/single-file.torrent"));
    Info info = metainfo.info();

    assertAll(
        () -> assertEquals("d5d642f6c9ac881baa3731ca5453a6008ef5e023", metainfo.infoHash().hex()),
        () -> assertEquals("sample.bin", info.name()),
        () -> assertTrue(info.singleFile()),
        () -> assertEquals(List.of(new FileEntry(List.of("sample.bin"), 100_000)), info.files()),
        () -> assertEquals(100_000, info.totalLength()),
        () -> assertEquals(PIECE_LENGTH, info.pieceLength()),
        () -> assertEquals(4, info.pieceCount()),
        () -> assertEquals(100_000 - 3 * PIECE_LENGTH, info.pieceSize(3)),
        () -> assertFalse(info.privateTorrent()),
        () ->
            assertEquals(
                List.of(
                    List.of("http://127.0.0.1:6969/announce"),
                    List.of("udp://127.0.0.1:6969/announce")),
                metainfo.trackerTiers()),
        () -> assertEquals(Optional.of("mktorrent 1.1"), metainfo.createdBy()),
        () -> assertEquals(Optional.empty(), metainfo.creationDate()),
        () -> assertEquals(Optional.empty(), metainfo.comment()),
        () -> assertEquals(List.of(), metainfo.webSeeds()));
  }

  @Test
  void parsesMultiFileTorrentWithEmptyFile() throws MalformedTorrentException {
    Metainfo metainfo = MetainfoParser.parse(TestData.resource("/torrents/multi-file.torrent"));
    Info info = metainfo.info();

    assertAll(
        () -> assertEquals("4608fee47ef421741c52cb7ff05d57640abac155", metainfo.infoHash().hex()),
        () -> assertEquals("sample-folder", info.name()),
        () -> assertFalse(info.singleFile()),
        () ->
            assertEquals(
                List.of(
                    new FileEntry(List.of("one", "a.bin"), 40_000),
                    new FileEntry(List.of("one", "empty.txt"), 0),
                    new FileEntry(List.of("two", "b.bin"), 30_000)),
                info.files()),
        () -> assertEquals(70_000, info.totalLength()),
        () -> assertEquals(PIECE_LENGTH, info.pieceLength()),
        () -> assertEquals(3, info.pieceCount()),
        () -> assertTrue(info.privateTorrent()),
        () ->
            assertEquals(
                List.of(List.of("http://127.0.0.1:6969/announce")), metainfo.trackerTiers()),
        () -> assertEquals(Optional.of("mcbt test fixture"), metainfo.comment()),
        () -> assertEquals(Optional.of("mktorrent 1.1"), metainfo.createdBy()),
        () -> assertEquals(Optional.empty(), metainfo.creationDate()));
  }

  @Test
  void singleFilePieceHashesMatchTheRegeneratedSourceData() throws MalformedTorrentException {
    Info info = MetainfoParser.parse(TestData.resource("/torrents/single-file.torrent")).info();

    byte[] data = TestData.xorshift(1, 100_000);

    assertArrayEquals(TestData.pieceHashes(data, PIECE_LENGTH), info.pieceHashes());
    assertEquals("fd2fc7718d5d2ebf7db73913e60e06eec199dcc7", hex(info.pieceHash(0)));
  }

  @Test
  void multiFilePieceHashesSpanFileBoundaries() throws MalformedTorrentException {
    Info info = MetainfoParser.parse(TestData.resource("/torrents/multi-file.torrent")).info();

    byte[] data = TestData.concat(TestData.xorshift(2, 40_000), TestData.xorshift(4, 30_000));

    assertArrayEquals(TestData.pieceHashes(data, PIECE_LENGTH), info.pieceHashes());
    assertEquals(
        "5a12fff16816ad30f84acb3ab4a2ffc976b2a8e5",
        hex(TestData.sha1(data, PIECE_LENGTH, 2 * PIECE_LENGTH)));
    assertEquals("5a12fff16816ad30f84acb3ab4a2ffc976b2a8e5", hex(info.pieceHash(1)));
  }

  @Test
  void infoHashIsSha1OfTheInfoDictionaryBytes() throws MalformedTorrentException {
    byte[] torrent = TestData.resource("/torrents/multi-file.torrent");
    byte[] infoBytes = TestData.infoValueAtEnd(torrent);

    assertEquals(hex(TestData.sha1(infoBytes)), MetainfoParser.parse(torrent).infoHash().hex());
  }

  @Test
  void magnetLinkMatchesAria2() throws MalformedTorrentException {
    Metainfo metainfo = MetainfoParser.parse(TestData.resource("/torrents/single-file.torrent"));

    MagnetLink aria2 =
        MagnetLink.parse(
            "magnet:?xt=urn:btih:D5D642F6C9AC881BAA3731CA5453A6008EF5E023&dn=sample.bin"
                + "&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce"
                + "&tr=udp%3A%2F%2F127.0.0.1%3A6969%2Fannounce");

    assertEquals(aria2, MagnetLink.of(metainfo));
  }
}
