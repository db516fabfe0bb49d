package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.concat;
import static io.mcbt.metainfo.Bencoding.dict;
import static io.mcbt.metainfo.Bencoding.list;
import static io.mcbt.metainfo.Bencoding.pieces;
import static io.mcbt.metainfo.Bencoding.raw;
import static io.mcbt.metainfo.Bencoding.repeat;
import static io.mcbt.metainfo.TorrentShapes.ANNOUNCE;
import static io.mcbt.metainfo.TorrentShapes.VALID_MULTI;
import static io.mcbt.metainfo.TorrentShapes.VALID_SINGLE;
import static io.mcbt.metainfo.TorrentShapes.file;
import static io.mcbt.metainfo.TorrentShapes.multiInfo;
import static io.mcbt.metainfo.TorrentShapes.singleInfo;
import static io.mcbt.metainfo.TorrentShapes.torrent;
import static io.mcbt.metainfo.TorrentShapes.withPath;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.Bencoding.Raw;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedTorrentTest {
  private static Arguments rejects(String description, Raw input, String messageFragment) {
    return Arguments.of(description, input, messageFragment);
  }

  static Stream<Arguments> malformedTorrents() {
    byte[] valid = VALID_SINGLE.bytes();
    return Stream.of(
        // bencode syntax
        rejects("empty input", raw(""), "not bencode: the input is empty"),
        rejects("a list, not a dictionary", raw("li1ee"), "a torrent must start with a dictionary"),
        rejects("a string, not a dictionary", raw("4:spam"), "must start with a dictionary"),
        rejects("whitespace first", concat(raw(" "), VALID_SINGLE), "must start with a dictionary"),
        rejects(
            "trailing bytes",
            concat(VALID_SINGLE, raw("x")),
            "trailing bytes after the torrent dictionary at offset " + valid.length),
        rejects(
            "a second dictionary after the first",
            concat(VALID_SINGLE, raw("de")),
            "trailing bytes after the torrent dictionary"),
        rejects(
            "truncated by one byte",
            raw(Arrays.copyOf(valid, valid.length - 1)),
            "not bencode: the input ends too early"),
        rejects("truncated after a key", raw("d4:info"), "the input ends too early"),
        rejects("unterminated integer", raw("d1:ai12"), "the input ends too early"),
        rejects(
            "string length past the end",
            raw("d4:info5:ab"),
            "not bencode: string of 5 bytes runs past the end of the input at offset 9"),
        rejects(
            "string length larger than the whole input",
            raw("d4:info99999999999999999999:ab"),
            "string length exceeds the input"),
        rejects("string length without colon", raw("d4xinfoe"), "must be followed by ':'"),
        rejects("string length with a leading zero", raw("d04:infoe"), "leading zero"),
        rejects("unexpected byte as a value", raw("d1:axe"), "unexpected byte 0x78 at offset 4"),
        rejects(
            "integer with a leading zero",
            torrent(singleInfo(), "creation date", raw("i01e")),
            "integer is not canonical (leading zero or -0)"),
        rejects(
            "negative zero",
            torrent(singleInfo(), "creation date", raw("i-0e")),
            "integer is not canonical"),
        rejects(
            "empty integer",
            torrent(singleInfo(), "creation date", raw("ie")),
            "an integer must be digits closed by 'e'"),
        rejects(
            "a lone minus sign",
            torrent(singleInfo(), "creation date", raw("i-e")),
            "an integer must be digits closed by 'e'"),
        rejects(
            "integer with a plus sign",
            torrent(singleInfo(), "creation date", raw("i+1e")),
            "an integer must be digits closed by 'e'"),
        rejects(
            "integer with 20 digits",
            torrent(singleInfo(), "creation date", raw("i10000000000000000000e")),
            "integer out of range"),
        rejects(
            "integer of 19 digits beyond a long",
            torrent(singleInfo(), "creation date", raw("i9223372036854775808e")),
            "integer out of range"),
        rejects(
            "negative integer of 19 digits beyond a long",
            torrent(singleInfo(), "creation date", raw("i-9223372036854775809e")),
            "integer out of range"),
        rejects(
            "duplicate top-level key",
            dict("info", singleInfo(), "info", singleInfo()),
            "duplicate dictionary key \"info\""),
        rejects(
            "duplicate key inside info",
            torrent(singleInfo("name", "b.bin")),
            "duplicate dictionary key \"name\""),
        rejects(
            "integer as a key",
            raw("di1e1:ae"),
            "not bencode: a dictionary key must be a byte string at offset 1"),
        rejects(
            "10,000 nested lists",
            concat(raw("d1:a"), repeat("l", 10_000), repeat("e", 10_000), raw("e")),
            "nesting deeper than 32 levels"),
        rejects(
            "10,000 nested dictionaries",
            concat(repeat("d1:a", 10_000), raw("i1e"), repeat("e", 10_000)),
            "nesting deeper than 32 levels"),
        // the top level
        rejects("no info", dict("announce", ANNOUNCE), "missing key info"),
        rejects("info is a string", dict("info", "not a dictionary"), "info must be a dictionary"),
        rejects("info is a list", dict("info", list(1, 2)), "info must be a dictionary"),
        rejects(
            "announce is an integer",
            dict("announce", 7, "info", singleInfo()),
            "announce must be a byte string"),
        rejects(
            "announce-list is a string",
            torrent(singleInfo(), "announce-list", ANNOUNCE),
            "announce-list must be a list"),
        rejects(
            "announce-list tier is a string",
            torrent(singleInfo(), "announce-list", list(ANNOUNCE)),
            "announce-list[0] must be a list"),
        rejects(
            "announce-list URL is an integer",
            torrent(singleInfo(), "announce-list", list(list(ANNOUNCE), list(ANNOUNCE, 5))),
            "announce-list[1][1] must be a byte string"),
        rejects(
            "url-list is a dictionary",
            torrent(singleInfo(), "url-list", dict()),
            "url-list must be a byte string"),
        rejects(
            "url-list entry is an integer",
            torrent(singleInfo(), "url-list", list("http://seed/", 1)),
            "url-list[1] must be a byte string"),
        rejects(
            "comment is not valid UTF-8",
            torrent(singleInfo(), "comment", new byte[] {'o', 'k', (byte) 0xff}),
            "comment is not valid UTF-8"),
        rejects(
            "creation date is a string",
            torrent(singleInfo(), "creation date", "yesterday"),
            "creation date must be an integer"),
        rejects(
            "creation date beyond any Instant",
            torrent(singleInfo(), "creation date", Long.MAX_VALUE),
            "creation date is out of range"),
        // required info keys and their types
        rejects(
            "no name",
            torrent(dict("length", 1, "piece length", 16384, "pieces", pieces(1))),
            "missing key info.name"),
        rejects(
            "no piece length",
            torrent(dict("length", 1, "name", "a", "pieces", pieces(1))),
            "missing key info.piece length"),
        rejects(
            "no pieces",
            torrent(dict("length", 1, "name", "a", "piece length", 16384)),
            "missing key info.pieces"),
        rejects(
            "name is an integer",
            torrent(dict("length", 1, "name", 5, "piece length", 16384, "pieces", pieces(1))),
            "info.name must be a byte string"),
        rejects(
            "piece length is a string",
            torrent(dict("length", 1, "name", "a", "piece length", "16384", "pieces", pieces(1))),
            "info.piece length must be an integer"),
        rejects(
            "pieces is a list",
            torrent(dict("length", 1, "name", "a", "piece length", 16384, "pieces", list())),
            "info.pieces must be a byte string"),
        rejects(
            "length is a string",
            torrent(dict("length", "1", "name", "a", "piece length", 16384, "pieces", pieces(1))),
            "info.length must be an integer"),
        rejects(
            "files is a dictionary",
            torrent(multiInfo(dict("length", 1, "path", list("a")))),
            "info.files must be a list"),
        rejects(
            "file entry is a list",
            torrent(multiInfo(list(list(1, "a")))),
            "info.files[0] must be a dictionary"),
        rejects(
            "file without length",
            torrent(multiInfo(list(file(1, "a"), dict("path", list("b"))))),
            "missing key info.files[1].length"),
        rejects(
            "file without path",
            torrent(multiInfo(list(dict("length", 1)))),
            "missing key info.files[0].path"),
        rejects(
            "path is a string",
            torrent(multiInfo(list(dict("length", 1, "path", "a/b")))),
            "info.files[0].path must be a list"),
        rejects(
            "path component is an integer",
            withPath("a", 2),
            "info.files[0].path[1] must be a byte string"),
        rejects(
            "private is a string",
            torrent(singleInfo("private", "1")),
            "info.private must be an integer"),
        // pieces
        rejects(
            "pieces not a multiple of 20",
            torrent(dict("length", 1, "name", "a", "piece length", 16384, "pieces", new byte[21])),
            "info.pieces length is not a multiple of 20"),
        rejects(
            "more piece hashes than pieces",
            torrent(dict("length", 1, "name", "a", "piece length", 16384, "pieces", pieces(2))),
            "info.pieces holds 2 hashes but 1 bytes in pieces of 16384 need 1"),
        rejects(
            "fewer piece hashes than pieces",
            torrent(dict("length", 16385, "name", "a", "piece length", 16384, "pieces", pieces(1))),
            "info.pieces holds 1 hashes but 16385 bytes in pieces of 16384 need 2"),
        rejects(
            "no piece hashes",
            torrent(dict("length", 1, "name", "a", "piece length", 16384, "pieces", "")),
            "info.pieces holds 0 hashes but 1 bytes in pieces of 16384 need 1"),
        rejects(
            "a length near the largest long",
            torrent(
                dict(
                    "length",
                    Long.MAX_VALUE,
                    "name",
                    "a",
                    "piece length",
                    16384,
                    "pieces",
                    pieces(1))),
            "need 562949953421312"),
        rejects(
            "zero piece length",
            torrent(dict("length", 1, "name", "a", "piece length", 0, "pieces", pieces(1))),
            "info.piece length must be between 1 and 268435456"),
        rejects(
            "negative piece length",
            torrent(dict("length", 1, "name", "a", "piece length", -16384, "pieces", pieces(1))),
            "info.piece length must be between 1 and 268435456"),
        rejects(
            "piece length above the limit",
            torrent(dict("length", 1, "name", "a", "piece length", 1L << 29, "pieces", pieces(1))),
            "info.piece length must be between 1 and 268435456"),
        // lengths and the two forms
        rejects(
            "zero length",
            torrent(dict("length", 0, "name", "a", "piece length", 16384, "pieces", "")),
            "info.length must be positive"),
        rejects(
            "negative length",
            torrent(dict("length", -1, "name", "a", "piece length", 16384, "pieces", "")),
            "info.length must be positive"),
        rejects(
            "negative file length",
            torrent(multiInfo(list(file(2, "a"), file(-1, "b")))),
            "info.files[1].length is negative"),
        rejects(
            "only empty files",
            torrent(
                dict(
                    "files",
                    list(file(0, "a"), file(0, "b")),
                    "name",
                    "folder",
                    "piece length",
                    16384,
                    "pieces",
                    "")),
            "info: the torrent holds no data"),
        rejects(
            "file lengths that overflow a long",
            torrent(multiInfo(list(file(Long.MAX_VALUE, "a"), file(1, "b")))),
            "info: total length overflows"),
        rejects(
            "both length and files",
            torrent(
                dict(
                    "files",
                    list(file(1, "a")),
                    "length",
                    1,
                    "name",
                    "a",
                    "piece length",
                    16384,
                    "pieces",
                    pieces(1))),
            "info must have exactly one of length and files"),
        rejects(
            "neither length nor files",
            torrent(dict("name", "a", "piece length", 16384, "pieces", pieces(1))),
            "info must have exactly one of length and files"),
        rejects("empty files list", torrent(multiInfo(list())), "info.files is empty"),
        rejects("empty path", withPath(), "info.files[0].path is empty"),
        // path safety
        rejects("empty path component", withPath("a", ""), "empty path component"),
        rejects("parent folder component", withPath("..", "etc", "passwd"), "\"..\" would leave"),
        rejects("current folder component", withPath("a", "."), "\".\" would leave its folder"),
        rejects(
            "absolute-looking component",
            withPath("/etc/passwd"),
            "info.files[0].path: path component \"/etc/passwd\" contains a path separator"),
        rejects("component with a slash", withPath("a/b"), "contains a path separator"),
        rejects("component with a backslash", withPath("a\\..\\b"), "contains a path separator"),
        rejects("component with NUL", withPath("a\0.txt"), "contains a NUL byte"),
        rejects("drive letter", withPath("C:"), "\"C:\" looks like a drive letter"),
        rejects("drive-relative path", withPath("c:evil.exe"), "looks like a drive letter"),
        rejects(
            "component of 256 bytes", withPath("a".repeat(256)), "path component longer than 255"),
        rejects(
            "component of 128 two-byte characters",
            withPath("é".repeat(128)),
            "path component longer than 255 bytes"),
        rejects(
            "name that leaves the download folder",
            torrent(dict("length", 1, "name", "..", "piece length", 16384, "pieces", pieces(1))),
            "info.name: path component \"..\" would leave its folder"),
        rejects(
            "empty name",
            torrent(dict("length", 1, "name", "", "piece length", 16384, "pieces", pieces(1))),
            "info.name: empty path component"),
        rejects(
            "name with a separator",
            torrent(dict("length", 1, "name", "../x", "piece length", 16384, "pieces", pieces(1))),
            "info.name: path component \"../x\" contains a path separator"),
        rejects(
            "duplicate file paths",
            torrent(multiInfo(list(file(1, "d", "a"), file(0, "d", "a")))),
            "info.files[1].path repeats another file's path"),
        rejects(
            "file under another file",
            torrent(multiInfo(list(file(1, "a"), file(0, "a", "b")))),
            "info.files[1].path lies under another file"),
        rejects(
            "file where another file's folder is",
            torrent(multiInfo(list(file(1, "a", "b"), file(0, "a")))),
            "info.files[1].path is a folder of another file"),
        rejects("private is 2", torrent(singleInfo("private", 2)), "info.private must be 0 or 1"),
        rejects("private is -1", torrent(singleInfo("private", -1)), "info.private must be 0 or 1"),
        // text
        rejects(
            "name is not valid UTF-8",
            torrent(
                dict(
                    "length",
                    1,
                    "name",
                    new byte[] {'a', (byte) 0xff},
                    "piece length",
                    16384,
                    "pieces",
                    pieces(1))),
            "info.name is not valid UTF-8"),
        rejects(
            "overlong UTF-8 slash in a path",
            withPath("a", new byte[] {'.', '.', (byte) 0xc0, (byte) 0xaf, 'x'}),
            "info.files[0].path[1] is not valid UTF-8"),
        rejects(
            "UTF-8 encoded surrogate in a path",
            withPath(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
            "info.files[0].path[0] is not valid UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTorrents")
  void rejectsMalformedTorrent(String description, Raw input, String messageFragment) {
    MalformedTorrentException e =
        assertThrows(MalformedTorrentException.class, () -> MetainfoParser.parse(input.bytes()));
    assertTrue(
        e.getMessage().contains(messageFragment),
        () -> "expected \"" + messageFragment + "\" in \"" + e.getMessage() + "\"");
  }

  @Test
  void theValidBasesOfTheTableParse() {
    assertDoesNotThrow(() -> MetainfoParser.parse(VALID_SINGLE.bytes()));
    assertDoesNotThrow(() -> MetainfoParser.parse(VALID_MULTI.bytes()));
    assertDoesNotThrow(() -> MetainfoParser.parse(withPath("a", "b").bytes()));
  }
}
