package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.dict;
import static io.mcbt.metainfo.Bencoding.list;
import static io.mcbt.metainfo.Bencoding.pieces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagnetLinkTest {
  private static final String HEX = "d5d642f6c9ac881baa3731ca5453a6008ef5e023";

  @Test
  void roundTripsHashNameAndTrackersNeedingEscapes() throws MalformedTorrentException {
    String name = "Grüße & \"more\" 100% + ça=va #1 日本";
    List<String> trackers =
        List.of("http://t.example/announce?passkey=a&b=c d", "udp://[::1]:6969/announce");
    Metainfo metainfo =
        MetainfoParser.parse(
            dict(
                    "announce-list",
                    list(list(trackers.get(0)), list(trackers.get(1))),
                    "info",
                    dict("length", 1, "name", name, "piece length", 16384, "pieces", pieces(1)))
                .bytes());

    MagnetLink link = MagnetLink.of(metainfo);
    String uri = link.uri();
    MagnetLink parsed = MagnetLink.parse(uri);

    assertEquals(metainfo.infoHash(), parsed.infoHash());
    assertEquals(Optional.of(name), parsed.displayName());
    assertEquals(trackers, parsed.trackers());
    assertEquals(link, parsed);
    assertTrue(uri.startsWith("magnet:?xt=urn:btih:" + metainfo.infoHash().hex() + "&dn="), uri);
    assertFalse(uri.contains(" "), uri);
    assertFalse(uri.contains("+"), uri);
    assertEquals(4, uri.split("&").length, uri);
    assertTrue(uri.chars().allMatch(c -> c > 0x20 && c < 0x7f), uri);
  }

  @Test
  void writesSpacesAsPercent20() {
    MagnetLink link =
        new MagnetLink(InfoHash.fromHex(HEX), Optional.of("a b"), List.of("http://x/a b"));

    assertEquals(
        "magnet:?xt=urn:btih:" + HEX + "&dn=a%20b&tr=http%3A%2F%2Fx%2Fa%20b", link.toString());
  }

  @Test
  void omitsAbsentName() {
    MagnetLink link = new MagnetLink(InfoHash.fromHex(HEX), Optional.empty(), List.of());

    assertEquals("magnet:?xt=urn:btih:" + HEX, link.uri());
    assertEquals(link, MagnetLink.parse(link.uri()));
  }

  @Test
  void acceptsBase32AndUpperCaseHashes() {
    MagnetLink base32 =
        MagnetLink.parse("magnet:?xt=urn:btih:2XLEF5WJVSEBXKRXGHFFIU5GACHPLYBD&dn=sample.bin");
    MagnetLink upper = MagnetLink.parse("magnet:?dn=sample.bin&xt=URN:BTIH:" + HEX.toUpperCase());

    assertEquals(InfoHash.fromHex(HEX), base32.infoHash());
    assertEquals(base32, upper);
  }

  @Test
  void decodesPlusAsSpaceAndKeepsTrackerOrder() {
    MagnetLink link =
        MagnetLink.parse(
            "magnet:?xt=urn:btih:"
                + HEX
                + "&dn=a+b%2Bc&tr=udp%3A%2F%2Fb&tr=http%3A%2F%2Fa&x.pe=1.2.3.4:5&ws=http%3A%2F%2Fw");

    assertEquals(Optional.of("a b+c"), link.displayName());
    assertEquals(List.of("udp://b", "http://a"), link.trackers());
  }

  @Test
  void ignoresOtherExactTopicsAndEmptyParameters() {
    MagnetLink link =
        MagnetLink.parse("magnet:?xt=urn:sha1:ABCDEF&&=x&novalue&xt=urn:btih:" + HEX + "&");

    assertEquals(HEX, link.infoHash().hex());
    assertEquals(Optional.empty(), link.displayName());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "http://example.com/?xt=urn:btih:d5d642f6c9ac881baa3731ca5453a6008ef5e023",
        "magnet:xt=urn:btih:d5d642f6c9ac881baa3731ca5453a6008ef5e023",
        " magnet:?xt=urn:btih:d5d642f6c9ac881baa3731ca5453a6008ef5e023",
        "MAGNET:?xt=urn:btih:d5d642f6c9ac881baa3731ca5453a6008ef5e023",
      })
  void rejectsWhatIsNotAMagnetLink(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MagnetLink.parse(uri));
    assertEquals("a magnet link starts with magnet:?", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "magnet:?",
        "magnet:?dn=name&tr=http%3A%2F%2Fa",
        "magnet:?xt=urn:sha1:d5d642f6c9ac881baa3731ca5453a6008ef5e023",
        "magnet:?xt=d5d642f6c9ac881baa3731ca5453a6008ef5e023",
      })
  void rejectsLinkWithoutBtihTopic(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MagnetLink.parse(uri));
    assertEquals("the magnet link has no xt=urn:btih: info-hash", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "magnet:?xt=urn:btih:d5d642f6",
        "magnet:?xt=urn:btih:d5d642f6c9ac881baa3731ca5453a6008ef5e02z",
        "magnet:?xt=urn:btih:2XLEF5WJVSEBXKRXGHFFIU5GACHPLßßD",
        "magnet:?xt=urn:btih:%zz",
      })
  void rejectsBadInfoHashOrEscapeWithIllegalArgument(String uri) {
    assertThrows(IllegalArgumentException.class, () -> MagnetLink.parse(uri));
  }

  @Test
  void trackersAreImmutable() {
    List<String> trackers = new ArrayList<>(List.of("http://a"));
    MagnetLink link = new MagnetLink(InfoHash.fromHex(HEX), Optional.empty(), trackers);

    trackers.add("http://b");

    assertEquals(List.of("http://a"), link.trackers());
    assertThrows(UnsupportedOperationException.class, () -> link.trackers().add("http://c"));
  }
}
