package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.dict;
import static io.mcbt.metainfo.Bencoding.list;
import static io.mcbt.metainfo.Bencoding.pieces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import io.mcbt.metainfo.Bencoding.Raw;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetainfoParserTest {
  private static final String ANNOUNCE = "http://127.0.0.1:6969/announce";

  @Test
  void infoHashCoversInfoKeysInTheOrderReceived() throws MalformedTorrentException {
    Raw info = dict("pieces", pieces(1), "name", "a.bin", "piece length", 16384, "length", 3);

    Metainfo metainfo = MetainfoParser.parse(dict("info", info, "announce", ANNOUNCE).bytes());

    assertArrayEquals(TestData.sha1(info.bytes()), metainfo.infoHash().bytes());
    assertNotEquals(TestData.hex(TestData.sha1(reencoded(info))), metainfo.infoHash().hex());
  }

  @Test
  void infoHashCoversUnknownInfoKeys() throws MalformedTorrentException {
    Raw info =
        dict(
            "length",
            3,
            "name",
            "a.bin",
            "name.utf-8",
            "a.bin",
            "piece length",
            16384,
            "pieces",
            pieces(1),
            "source",
            "elsewhere",
            "x-nested",
            dict("k", list(1, "two", dict())));

    Metainfo metainfo = MetainfoParser.parse(dict("announce", ANNOUNCE, "info", info).bytes());
    Metainfo withoutExtras =
        MetainfoParser.parse(
            dict(
                    "announce",
                    ANNOUNCE,
                    "info",
                    dict("length", 3, "name", "a.bin", "piece length", 16384, "pieces", pieces(1)))
                .bytes());

    assertArrayEquals(TestData.sha1(info.bytes()), metainfo.infoHash().bytes());
    assertEquals(withoutExtras.info(), metainfo.info());
    assertNotEquals(withoutExtras.infoHash(), metainfo.infoHash());
  }

  @Test
  void infoHashIgnoresEverythingOutsideInfo() throws MalformedTorrentException {
    Raw info = dict("length", 3, "name", "a.bin", "piece length", 16384, "pieces", pieces(1));

    Metainfo plain = MetainfoParser.parse(dict("info", info).bytes());
    Metainfo decorated =
        MetainfoParser.parse(
            dict("announce", ANNOUNCE, "comment", "hello", "creation date", 1, "info", info)
                .bytes());

    assertEquals(plain.infoHash(), decorated.infoHash());
  }

  @Test
  void readsAnnounceListTiersInOrder() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            dict(
                    "announce",
                    "http://ignored/announce",
                    "announce-list",
                    list(list("http://a/1", "http://a/2"), list(), list("udp://b/1")),
                    "info",
                    singleInfo())
                .bytes());

    assertEquals(
        List.of(List.of("http://a/1", "http://a/2"), List.of("udp://b/1")),
        metainfo.trackerTiers());
    assertEquals(List.of("http://a/1", "http://a/2", "udp://b/1"), metainfo.trackers());
  }

  @Test
  void fallsBackToAnnounceWhenAnnounceListIsEmpty() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            dict("announce", ANNOUNCE, "announce-list", list(list()), "info", singleInfo())
                .bytes());

    assertEquals(List.of(List.of(ANNOUNCE)), metainfo.trackerTiers());
  }

  @Test
  void treatsBlankAnnounceAsTrackerless() throws MalformedTorrentException {
    Metainfo metainfo = MetainfoParser.parse(dict("announce", " ", "info", singleInfo()).bytes());

    assertEquals(List.of(), metainfo.trackerTiers());
  }

  @Test
  void listsEachTrackerOnce() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            dict(
                    "announce-list",
                    list(list(ANNOUNCE), list(ANNOUNCE, "udp://b/1")),
                    "info",
                    singleInfo())
                .bytes());

    assertEquals(List.of(ANNOUNCE, "udp://b/1"), metainfo.trackers());
  }

  @Test
  void readsUrlListAsStringOrList() throws MalformedTorrentException {
    Metainfo one =
        MetainfoParser.parse(dict("info", singleInfo(), "url-list", "http://seed/").bytes());
    Metainfo none = MetainfoParser.parse(dict("info", singleInfo(), "url-list", "").bytes());
    Metainfo two =
        MetainfoParser.parse(
            dict("info", singleInfo(), "url-list", list("http://a/", "http://b/")).bytes());

    assertEquals(List.of("http://seed/"), one.webSeeds());
    assertEquals(List.of(), none.webSeeds());
    assertEquals(List.of("http://a/", "http://b/"), two.webSeeds());
  }

  @Test
  void readsOptionalTextAndDate() throws MalformedTorrentException {
    Metainfo metainfo =
        MetainfoParser.parse(
            dict(
                    "comment",
                    "Grüße",
                    "created by",
                    "mcbt",
                    "creation date",
                    1_700_000_000,
                    "info",
                    singleInfo())
                .bytes());

    assertEquals(Optional.of("Grüße"), metainfo.comment());
    assertEquals(Optional.of("mcbt"), metainfo.createdBy());
    assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000)), metainfo.creationDate());
  }

  @Test
  void readsPrivateZeroAsPublic() throws MalformedTorrentException {
    Raw info =
        dict(
            "length", 3, "name", "a.bin", "piece length", 16384, "pieces", pieces(1), "private", 0);

    assertFalse(MetainfoParser.parse(dict("info", info).bytes()).info().privateTorrent());
  }

  @Test
  void readsMultiFileTorrentInTorrentOrder() throws MalformedTorrentException {
    Raw info =
        dict(
            "files",
            list(
                dict("length", 10, "path", list("z", "last")),
                dict("length", 0, "path", list("a")),
                dict("length", 20_000, "path", list("日本", "données.txt"))),
            "name",
            "folder",
            "piece length",
            16384,
            "pieces",
            pieces(2));

    Info parsed = MetainfoParser.parse(dict("info", info).bytes()).info();

    assertFalse(parsed.singleFile());
    assertEquals(
        List.of(
            new FileEntry(List.of("z", "last"), 10),
            new FileEntry(List.of("a"), 0),
            new FileEntry(List.of("日本", "données.txt"), 20_000)),
        parsed.files());
    assertEquals(20_010, parsed.totalLength());
    assertEquals(2, parsed.pieceCount());
    assertEquals(16384, parsed.pieceSize(0));
    assertEquals(20_010 - 16384, parsed.pieceSize(1));
    assertEquals("日本/données.txt", parsed.files().get(2).displayPath());
  }

  @Test
  void acceptsLengthThatFillsTheLastPieceExactly() throws MalformedTorrentException {
    Raw info = dict("length", 32768, "name", "a", "piece length", 16384, "pieces", pieces(2));

    assertEquals(2, MetainfoParser.parse(dict("info", info).bytes()).info().pieceCount());
  }

  @Test
  void parsedInfoIsImmutable() throws MalformedTorrentException {
    Info info = MetainfoParser.parse(dict("info", singleInfo()).bytes()).info();

    info.pieceHashes()[0] ^= 1;

    assertEquals((byte) 0xab, info.pieceHashes()[0]);
    assertEquals(20, info.pieceHash(0).length);
  }

  private static Raw singleInfo() {
    return dict("length", 3, "name", "a.bin", "piece length", 16384, "pieces", pieces(1));
  }

  private static byte[] reencoded(Raw dictionary) {
    Bencode bencode = new Bencode(StandardCharsets.ISO_8859_1);
    Map<String, Object> decoded = bencode.decode(dictionary.bytes(), Type.DICTIONARY);
    return bencode.encode(decoded);
  }
}
