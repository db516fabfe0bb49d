package io.mcbt.peer.storage;

import static io.mcbt.peer.storage.StorageFixtures.PIECE_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePieceStoreTest {
  @TempDir Path temp;

  @Test
  void singleFileWrittenInRandomOrderVerifiesAndMatchesTheSource() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/movie.bin"), 100_000);
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = Files.readAllBytes(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, torrent, 1);
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        assertTrue(store.verifyPiece(piece), "piece " + piece);
      }
    }
    assertArrayEquals(torrent, Files.readAllBytes(download.resolve("movie.bin")));
  }

  @Test
  void multiFileWrittenInRandomOrderVerifiesAndMatchesTheSource() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = StorageFixtures.torrentBytes(source, info);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download, 2)) {
      StorageFixtures.writeAll(store, torrent, 2);
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        assertTrue(store.verifyPiece(piece), "piece " + piece);
      }
    }
    for (FileEntry file : info.files()) {
      Path written = download.resolve("album").resolve(String.join("/", file.path()));
      assertArrayEquals(
          Files.readAllBytes(StorageFixtures.sourceOf(source, info, file)),
          Files.readAllBytes(written),
          file.displayPath());
    }
  }

  @Test
  void zeroLengthFilesAreCreatedEmptyByTheFirstWrite() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = StorageFixtures.torrentBytes(source, info);
    Path download = Files.createDirectory(temp.resolve("dl"));
    Path empty = download.resolve("album/e/f/empty");

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      assertFalse(Files.exists(empty));
      store.writeBlock(0, 0, ByteBuffer.wrap(torrent, 0, 10));
      assertTrue(Files.isRegularFile(empty));
      assertEquals(0, Files.size(empty));
      assertEquals(0, Files.size(download.resolve("album/b/empty.txt")));
    }
  }

  @Test
  void aCorruptedBlockFailsExactlyItsPiece() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = StorageFixtures.torrentBytes(source, info);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, torrent, 3);
      byte[] bad = Arrays.copyOfRange(torrent, 2 * PIECE_LENGTH + 4096, 2 * PIECE_LENGTH + 8192);
      bad[100] ^= 1;
      store.writeBlock(2, 4096, ByteBuffer.wrap(bad));
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        assertEquals(piece != 2, store.verifyPiece(piece), "piece " + piece);
      }
    }
  }

  @Test
  void aBlockAcrossFileBoundariesIsSplitAndReadBack() throws Exception {
    Path folder = temp.resolve("src/small");
    StorageFixtures.randomFile(folder.resolve("1-x"), 5000);
    StorageFixtures.randomFile(folder.resolve("2-y"), 3);
    Files.createFile(folder.resolve("3-z"));
    StorageFixtures.randomFile(folder.resolve("4-w"), 10_000);
    Info info = StorageFixtures.torrentOf(folder);
    byte[] torrent = StorageFixtures.torrentBytes(folder, info);
    Path download = Files.createDirectory(temp.resolve("dl"));
    assertEquals(1, info.pieceCount());

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      store.writeBlock(0, 0, ByteBuffer.wrap(torrent));
      assertTrue(store.verifyPiece(0));
      ByteBuffer across = store.readBlock(0, 4990, 20);
      assertEquals(ByteBuffer.wrap(torrent, 4990, 20), across);
    }
    assertArrayEquals(
        Arrays.copyOfRange(torrent, 5000, 5003), Files.readAllBytes(download.resolve("small/2-y")));
    assertEquals(0, Files.size(download.resolve("small/3-z")));
  }

  @Test
  void readsIntoTheCallersBufferAndLeavesTheWrittenBufferAlone() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/f.bin"), 40_000);
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = Files.readAllBytes(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      ByteBuffer data = ByteBuffer.wrap(torrent, PIECE_LENGTH, PIECE_LENGTH);
      store.writeBlock(1, 0, data);
      assertEquals(PIECE_LENGTH, data.position());

      ByteBuffer target = ByteBuffer.allocate(110).position(10);
      store.readBlock(1, 500, target);
      assertEquals(110, target.position());
      assertEquals(ByteBuffer.wrap(torrent, PIECE_LENGTH + 500, 100), target.flip().position(10));
    }
  }

  @Test
  void theFirstWriteGivesAFileItsFullLength() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/f.bin"), 100_000);
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      store.writeBlock(0, 0, ByteBuffer.allocate(10));
      assertEquals(100_000, Files.size(download.resolve("f.bin")));
      assertTrue(store.isStored(3));
      assertFalse(store.verifyPiece(3), "a hole is zeros, not the data");
    }
  }

  @Test
  void aLongerFileIsCutToTheTorrentsLengthOnWrite() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/f.bin"), 20_000);
    Info info = StorageFixtures.torrentOf(source);
    byte[] torrent = Files.readAllBytes(source);
    Path download = Files.createDirectory(temp.resolve("dl"));
    Files.write(download.resolve("f.bin"), new byte[30_000]);

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      StorageFixtures.writeAll(store, torrent, 4);
    }
    assertArrayEquals(torrent, Files.readAllBytes(download.resolve("f.bin")));
  }

  @Test
  void anEmptyDownloadFolderHasNoPiecesAndStaysEmpty() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        assertFalse(store.isStored(piece));
        assertFalse(store.verifyPiece(piece));
      }
      StorageException missing =
          assertThrows(StorageException.class, () -> store.readBlock(0, 0, 1));
      assertEquals(Reason.DATA_MISSING, missing.reason());
      Path file = download.resolve("album/a.bin");
      assertEquals(
          "cannot read "
              + file
              + ": the file is missing (moved or deleted);"
              + " re-check the download to fetch it again",
          missing.getMessage());
    }
    try (Stream<Path> entries = Files.list(download)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void prepareForWritingCreatesFoldersAndEmptyFiles() throws Exception {
    Path source = StorageFixtures.album(temp.resolve("src"));
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      store.prepareForWriting();
    }
    assertTrue(Files.isDirectory(download.resolve("album/b")));
    assertTrue(Files.isRegularFile(download.resolve("album/e/f/empty")));
    assertFalse(Files.exists(download.resolve("album/a.bin")), "data files wait for data");
  }

  @Test
  void blocksOutsideTheirPieceAreRefused() throws Exception {
    Path source = StorageFixtures.randomFile(temp.resolve("src/f.bin"), 20_000);
    Info info = StorageFixtures.torrentOf(source);
    Path download = Files.createDirectory(temp.resolve("dl"));

    try (FilePieceStore store = FilePieceStore.open(info, download)) {
      ByteBuffer two = ByteBuffer.allocate(2);
      assertThrows(IndexOutOfBoundsException.class, () -> store.writeBlock(2, 0, two));
      assertThrows(IndexOutOfBoundsException.class, () -> store.writeBlock(-1, 0, two));
      assertThrows(IndexOutOfBoundsException.class, () -> store.writeBlock(0, -1, two));
      assertThrows(
          IndexOutOfBoundsException.class, () -> store.writeBlock(0, PIECE_LENGTH - 1, two));
      assertThrows(
          IndexOutOfBoundsException.class, () -> store.readBlock(1, 20_000 - PIECE_LENGTH, 1));
    }
    try (Stream<Path> entries = Files.list(download)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void refusesATorrentWhosePathWouldEscape() throws Exception {
    Path download = Files.createDirectory(temp.resolve("dl"));
    Info escaping =
        StorageFixtures.rawInfo(
            "album",
            false,
            List.of(
                new FileEntry(List.of("fine.bin"), 10),
                new FileEntry(List.of("..", "..", "evil.bin"), 10)));

    StorageException error =
        assertThrows(StorageException.class, () -> FilePieceStore.open(escaping, download));
    assertEquals(Reason.UNSAFE_PATH, error.reason());
    assertTrue(error.getMessage().contains("album/../../evil.bin"), error.getMessage());
    assertFalse(Files.exists(temp.resolve("evil.bin")));
  }

  @Test
  void refusesATorrentWhoseNameWouldEscape() throws Exception {
    Path download = Files.createDirectory(temp.resolve("dl"));
    Info escaping =
        StorageFixtures.rawInfo("..", false, List.of(new FileEntry(List.of("x.bin"), 10)));

    StorageException error =
        assertThrows(StorageException.class, () -> FilePieceStore.open(escaping, download));
    assertEquals(Reason.UNSAFE_PATH, error.reason());
  }

  @Test
  void refusesATorrentNamingOneFileTwice() throws Exception {
    Path download = Files.createDirectory(temp.resolve("dl"));
    Info twice =
        StorageFixtures.rawInfo(
            "album",
            false,
            List.of(new FileEntry(List.of("x.bin"), 10), new FileEntry(List.of("x.bin"), 10)));

    StorageException error =
        assertThrows(StorageException.class, () -> FilePieceStore.open(twice, download));
    assertEquals(Reason.UNSAFE_PATH, error.reason());
    assertTrue(error.getMessage().contains("twice"), error.getMessage());
  }
}
