package io.mcbt.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random small files and folders, created, parsed and checked against what was written. */
class RandomRoundTripTest {
  private static final int TORRENTS = 200;
  private static final String[] NAME_PARTS = {"a", "Z", "7", "ü", "日本", " ", "-", "_", ".", "ß"};

  private record WrittenFile(List<String> path, byte[] data) {}

  @TempDir Path temp;

  @Test
  void createdTorrentsParseToWhatWasWritten() throws Exception {
    Random random = new Random(20_251_125);
    for (int t = 0; t < TORRENTS; t++) {
      checkOne(random, Files.createDirectory(temp.resolve("t" + t)));
    }
  }

  private void checkOne(Random random, Path workspace) throws Exception {
    boolean singleFile = random.nextBoolean();
    String name = "n" + namePart(random);
    Path source = workspace.resolve(name);
    List<WrittenFile> files = singleFile ? writeFile(random, source) : writeFolder(random, source);
    long pieceLength =
        switch (random.nextInt(3)) {
          case 0 -> 16 * 1024;
          case 1 -> 32 * 1024;
          default -> 0;
        };
    List<String> trackers = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      trackers.add("http://tracker" + i + ".example/announce?key=" + namePart(random) + "&n=" + i);
    }
    boolean privateTorrent = random.nextBoolean();
    Instant when = Instant.ofEpochSecond(random.nextInt(2_000_000_000));

    TorrentCreator creator =
        TorrentCreator.of(source)
            .announce(trackers.toArray(String[]::new))
            .privateTorrent(privateTorrent)
            .creationDate(when)
            .threads(1 + random.nextInt(3));
    if (pieceLength > 0) {
      creator.pieceLength(pieceLength);
    }
    CreatedTorrent created = creator.create();
    Metainfo parsed = MetainfoParser.parse(created.bytes());

    byte[] all = concat(files);
    long expectedPieceLength =
        pieceLength > 0 ? pieceLength : PieceLengths.forTotalLength(all.length);
    String what =
        "torrent of " + files.stream().map(f -> f.path() + "=" + f.data().length).toList();
    Info info = parsed.info();
    assertEquals(created.metainfo(), parsed, what);
    assertEquals(name, info.name(), what);
    assertEquals(singleFile, info.singleFile(), what);
    assertEquals(
        files.stream().map(f -> new FileEntry(f.path(), f.data().length)).toList(),
        info.files(),
        what);
    assertEquals(expectedPieceLength, info.pieceLength(), what);
    assertArrayEquals(
        TestData.pieceHashes(all, (int) expectedPieceLength), info.pieceHashes(), what);
    assertEquals(privateTorrent, info.privateTorrent(), what);
    assertEquals(trackers.stream().map(List::of).toList(), parsed.trackerTiers(), what);
    assertEquals(Optional.of(when), parsed.creationDate(), what);
    assertEquals(
        TestData.hex(TestData.sha1(TestData.infoValueAtEnd(created.bytes()))),
        parsed.infoHash().hex());
  }

  private static List<WrittenFile> writeFile(Random random, Path file) throws Exception {
    byte[] data = randomData(random, 1 + random.nextInt(70_000));
    Files.write(file, data);
    return List.of(new WrittenFile(List.of(file.getFileName().toString()), data));
  }

  private static List<WrittenFile> writeFolder(Random random, Path folder) throws Exception {
    Files.createDirectory(folder);
    List<WrittenFile> files = new ArrayList<>();
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      List<String> path = new ArrayList<>();
      for (int depth = random.nextInt(3); depth > 0; depth--) {
        path.add("d" + random.nextInt(2) + namePart(random).substring(0, 1));
      }
      path.add("f" + i + namePart(random));
      int length = random.nextInt(4) == 0 ? 0 : random.nextInt(30_000);
      byte[] data = randomData(random, i == count - 1 && allEmpty(files) ? length + 1 : length);
      Path file = folder.resolve(String.join("/", path));
      Files.createDirectories(file.getParent());
      Files.write(file, data);
      files.add(new WrittenFile(List.copyOf(path), data));
    }
    files.sort(Comparator.comparing(f -> String.join("/", f.path())));
    return files;
  }

  private static boolean allEmpty(List<WrittenFile> files) {
    return files.stream().allMatch(f -> f.data().length == 0);
  }

  /** One to four random name pieces; callers prefix it, so a lone dot is harmless. */
  private static String namePart(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      out.append(NAME_PARTS[random.nextInt(NAME_PARTS.length)]);
    }
    return out.toString();
  }

  private static byte[] randomData(Random random, int length) {
    byte[] data = new byte[length];
    random.nextBytes(data);
    return data;
  }

  private static byte[] concat(List<WrittenFile> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach(f -> out.writeBytes(f.data()));
    return out.toByteArray();
  }
}
