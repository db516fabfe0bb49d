package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentCreatorTest {
  private static final int KIB_16 = 16 * 1024;
  private static final Instant WHEN = Instant.ofEpochSecond(1_700_000_000);

  @TempDir Path temp;

  @Test
  void singleFileRoundTrip() throws Exception {
    byte[] data = TestData.xorshift(7, 50_000);
    Path file = write(temp.resolve("movie.bin"), data);

    CreatedTorrent created =
        TorrentCreator.of(file)
            .announce("http://127.0.0.1:6969/announce")
            .pieceLength(KIB_16)
            .creationDate(WHEN)
            .create();
    Metainfo parsed = MetainfoParser.parse(created.bytes());

    assertEquals(created.metainfo(), parsed);
    assertEquals("movie.bin", parsed.info().name());
    assertTrue(parsed.info().singleFile());
    assertEquals(List.of(new FileEntry(List.of("movie.bin"), 50_000)), parsed.info().files());
    assertEquals(KIB_16, parsed.info().pieceLength());
    assertEquals(4, parsed.info().pieceCount());
    assertArrayEquals(TestData.pieceHashes(data, KIB_16), parsed.info().pieceHashes());
    assertEquals(
        TestData.hex(TestData.sha1(TestData.infoValueAtEnd(created.bytes()))),
        parsed.infoHash().hex());
    assertEquals(List.of(List.of("http://127.0.0.1:6969/announce")), parsed.trackerTiers());
    assertEquals(Optional.of(WHEN), parsed.creationDate());
    assertEquals(Optional.of("mcbt"), parsed.createdBy());
    assertFalse(parsed.info().privateTorrent());
  }

  @Test
  void folderRoundTripHashesPiecesAcrossFileBoundaries() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("album"));
    byte[] a = TestData.xorshift(1, 20_000);
    byte[] b = TestData.xorshift(2, 5_000);
    byte[] c = TestData.xorshift(3, 17_000);
    write(folder.resolve("b/two.bin"), b);
    write(folder.resolve("a/one.bin"), a);
    write(folder.resolve("a/empty.txt"), new byte[0]);
    write(folder.resolve("c.bin"), c);

    CreatedTorrent created = TorrentCreator.of(folder).pieceLength(KIB_16).create();
    Info info = MetainfoParser.parse(created.bytes()).info();

    assertEquals("album", info.name());
    assertFalse(info.singleFile());
    assertEquals(
        List.of(
            new FileEntry(List.of("a", "empty.txt"), 0),
            new FileEntry(List.of("a", "one.bin"), 20_000),
            new FileEntry(List.of("b", "two.bin"), 5_000),
            new FileEntry(List.of("c.bin"), 17_000)),
        info.files());
    byte[] all = TestData.concat(a, b, c);
    assertEquals(3, info.pieceCount());
    assertArrayEquals(TestData.sha1(all, KIB_16, 2 * KIB_16), info.pieceHash(1));
    assertArrayEquals(TestData.pieceHashes(all, KIB_16), info.pieceHashes());
  }

  @Test
  void folderWithOneFileKeepsTheMultiFileForm() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("only"));
    write(folder.resolve("inner.txt"), "hello".getBytes(StandardCharsets.US_ASCII));

    Info info = TorrentCreator.of(folder).create().metainfo().info();

    assertFalse(info.singleFile());
    assertEquals("only", info.name());
    assertEquals(List.of(new FileEntry(List.of("inner.txt"), 5)), info.files());
  }

  @Test
  void choosesPieceLengthFromTotalSize() throws Exception {
    Path file = write(temp.resolve("small.bin"), TestData.xorshift(5, 1000));

    Info info = TorrentCreator.of(file).create().metainfo().info();

    assertEquals(PieceLengths.forTotalLength(1000), info.pieceLength());
    assertEquals(KIB_16, info.pieceLength());
    assertEquals(1, info.pieceCount());
  }

  @Test
  void setsPrivateFlagInsideInfo() throws Exception {
    Path file = write(temp.resolve("secret.bin"), TestData.xorshift(5, 100));

    CreatedTorrent open = TorrentCreator.of(file).creationDate(WHEN).create();
    CreatedTorrent closed =
        TorrentCreator.of(file).creationDate(WHEN).privateTorrent(true).create();

    assertTrue(MetainfoParser.parse(closed.bytes()).info().privateTorrent());
    assertFalse(MetainfoParser.parse(open.bytes()).info().privateTorrent());
    assertTrue(contains(TestData.infoValueAtEnd(closed.bytes()), "7:privatei1e"));
    assertFalse(contains(open.bytes(), "private"));
    assertNotEquals(open.metainfo().infoHash(), closed.metainfo().infoHash());
  }

  @Test
  void writesAnnounceAndAnnounceListForSeveralTrackers() throws Exception {
    Path file = write(temp.resolve("t.bin"), TestData.xorshift(5, 100));

    CreatedTorrent created =
        TorrentCreator.of(file)
            .announce("http://a.example/announce", "udp://b.example:6969")
            .announce("http://c.example/announce")
            .create();
    Metainfo parsed = MetainfoParser.parse(created.bytes());

    assertTrue(contains(created.bytes(), "8:announce25:http://a.example/announce"));
    assertTrue(
        contains(
            created.bytes(),
            "13:announce-listll25:http://a.example/announceel20:udp://b.example:6969e"
                + "l25:http://c.example/announceee"));
    assertEquals(
        List.of(
            List.of("http://a.example/announce"),
            List.of("udp://b.example:6969"),
            List.of("http://c.example/announce")),
        parsed.trackerTiers());
  }

  @Test
  void oneTrackerWritesNoAnnounceList() throws Exception {
    Path file = write(temp.resolve("t.bin"), TestData.xorshift(5, 100));

    CreatedTorrent created = TorrentCreator.of(file).announce("http://a.example/announce").create();

    assertFalse(contains(created.bytes(), "announce-list"));
  }

  @Test
  void trackerlessTorrentHasNoAnnounce() throws Exception {
    Path file = write(temp.resolve("t.bin"), TestData.xorshift(5, 100));

    CreatedTorrent created = TorrentCreator.of(file).create();

    assertFalse(contains(created.bytes(), "announce"));
    assertEquals(List.of(), created.metainfo().trackerTiers());
  }

  @Test
  void writesCommentAndCreatedBy() throws Exception {
    Path file = write(temp.resolve("t.bin"), TestData.xorshift(5, 100));

    Metainfo metainfo =
        TorrentCreator.of(file)
            .comment("für dich & mich")
            .createdBy("tester 1.0")
            .create()
            .metainfo();
    Metainfo blank = TorrentCreator.of(file).comment("  ").create().metainfo();

    assertEquals(Optional.of("für dich & mich"), metainfo.comment());
    assertEquals(Optional.of("tester 1.0"), metainfo.createdBy());
    assertEquals(Optional.empty(), blank.comment());
  }

  @Test
  void rejectsEmptyFolder() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("nothing/below"));

    assertThrows(IOException.class, () -> TorrentCreator.of(folder.getParent()).create());
  }

  @Test
  void rejectsZeroByteFile() throws IOException {
    Path file = write(temp.resolve("zero.bin"), new byte[0]);

    IOException e = assertThrows(IOException.class, () -> TorrentCreator.of(file).create());
    assertTrue(e.getMessage().contains("holds no data"), e.getMessage());
  }

  @Test
  void rejectsFolderOfEmptyFiles() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("empties"));
    write(folder.resolve("a"), new byte[0]);
    write(folder.resolve("b/c"), new byte[0]);

    assertThrows(IOException.class, () -> TorrentCreator.of(folder).create());
  }

  @Test
  void rejectsMissingSource() {
    assertThrows(IOException.class, () -> TorrentCreator.of(temp.resolve("absent")).create());
  }

  @Test
  void rejectsPieceLengthsThatAreNotPowersOfTwoInRange() {
    TorrentCreator creator = TorrentCreator.of(temp);

    assertThrows(IllegalArgumentException.class, () -> creator.pieceLength(8 * 1024));
    assertThrows(IllegalArgumentException.class, () -> creator.pieceLength(24 * 1024));
    assertThrows(IllegalArgumentException.class, () -> creator.pieceLength(32L << 20));
    assertThrows(IllegalArgumentException.class, () -> creator.threads(0));
  }

  @Test
  void oneAndFourThreadsGiveIdenticalBytes() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("many"));
    for (int i = 0; i < 5; i++) {
      write(folder.resolve("f" + i + ".bin"), TestData.xorshift(10 + i, 30_000 + 777 * i));
    }

    byte[] one = creator(folder).threads(1).create().bytes();
    byte[] four = creator(folder).threads(4).create().bytes();

    assertArrayEquals(one, four);
    assertEquals(10, MetainfoParser.parse(one).info().pieceCount());
  }

  @Test
  void progressReachesTheTotal() throws Exception {
    Path file = write(temp.resolve("p.bin"), TestData.xorshift(3, 100_000));
    AtomicLong highest = new AtomicLong();
    AtomicLong calls = new AtomicLong();

    TorrentCreator creator =
        creator(file)
            .threads(3)
            .onProgress(
                hashed -> {
                  highest.accumulateAndGet(hashed, Math::max);
                  calls.incrementAndGet();
                });
    creator.create();

    assertEquals(100_000, creator.totalLength());
    assertEquals(100_000, highest.get());
    assertEquals(7, calls.get());
  }

  @Test
  void doesNotFollowSymbolicLinks() throws Exception {
    Path outside = write(temp.resolve("outside.txt"), "secret".getBytes(StandardCharsets.US_ASCII));
    Path folder = Files.createDirectory(temp.resolve("shared"));
    write(folder.resolve("real.txt"), "public".getBytes(StandardCharsets.US_ASCII));
    Files.createSymbolicLink(folder.resolve("link.txt"), outside);

    Info info = TorrentCreator.of(folder).create().metainfo().info();

    assertEquals(List.of(new FileEntry(List.of("real.txt"), 6)), info.files());
  }

  @Test
  void createdBytesAreACopy() throws Exception {
    Path file = write(temp.resolve("c.bin"), TestData.xorshift(3, 100));
    CreatedTorrent created = TorrentCreator.of(file).create();

    created.bytes()[0] = 'x';

    assertEquals('d', created.bytes()[0]);
  }

  private static TorrentCreator creator(Path source) {
    return TorrentCreator.of(source)
        .announce("http://127.0.0.1:6969/announce")
        .pieceLength(KIB_16)
        .creationDate(WHEN);
  }

  private static Path write(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, data);
  }

  private static boolean contains(byte[] haystack, String needle) {
    return TestData.indexOf(haystack, needle.getBytes(StandardCharsets.UTF_8)) >= 0;
  }
}
