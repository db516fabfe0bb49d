package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user is told when the download folder or the disk is not fit to hold the torrent. */
class StorageFailuresTest {
  @TempDir Path temp;

  private static Info oneFile(String name, long length) {
    return StorageFixtures.rawInfo(name, true, List.of(new FileEntry(List.of(name), length)));
  }

  private static Info folderOfOne(String name) {
    return StorageFixtures.rawInfo(name, false, List.of(new FileEntry(List.of("a.bin"), 100)));
  }

  @Test
  void aDownloadFolderThatIsAFile() throws Exception {
    Path file = Files.createFile(temp.resolve("downloads"));

    StorageException error =
        assertThrows(StorageException.class, () -> FilePieceStore.open(oneFile("f", 10), file));
    assertEquals(Reason.NOT_A_FOLDER, error.reason());
    assertEquals(
        "the download folder " + file + " is a file, not a folder; choose a folder instead",
        error.getMessage());
  }

  @Test
  void aMissingDownloadFolder() {
    Path missing = temp.resolve("missing");

    StorageException error =
        assertThrows(StorageException.class, () -> FilePieceStore.open(oneFile("f", 10), missing));
    assertEquals(Reason.FOLDER_MISSING, error.reason());
    assertEquals(
        "the download folder " + missing + " does not exist; create it or choose another folder",
        error.getMessage());
    assertFalse(Files.exists(missing), "not created behind the user's back");
  }

  @Test
  void aFileInTheWayOfAFolder() throws Exception {
    Files.createFile(temp.resolve("album"));

    try (FilePieceStore store = FilePieceStore.open(folderOfOne("album"), temp)) {
      StorageException error =
          assertThrows(
              StorageException.class, () -> store.writeBlock(0, 0, ByteBuffer.allocate(1)));
      assertEquals(Reason.NOT_A_FOLDER, error.reason());
      assertTrue(
          error.getMessage().startsWith("cannot create the folder " + temp.resolve("album")));
    }
  }

  @Test
  void aReadOnlyDownloadFolder() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("read-only"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(folder), "root may write anywhere");
      try (FilePieceStore store = FilePieceStore.open(oneFile("f.bin", 10), folder)) {
        StorageException error =
            assertThrows(
                StorageException.class, () -> store.writeBlock(0, 0, ByteBuffer.allocate(10)));
        assertEquals(Reason.NOT_WRITABLE, error.reason());
        assertEquals(
            "cannot create "
                + folder.resolve("f.bin")
                + ": permission denied; make the folder writable for this user"
                + " or choose another download folder",
            error.getMessage());
        assertThrows(StorageException.class, store::prepareForWriting);
      }
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** sysfs takes no new files, even from root. */
  @Test
  void aFolderWhereNothingMayBeCreated() {
    Path sys = Path.of("/sys/kernel");
    assumeTrue(Files.isDirectory(sys));
    try (FilePieceStore store = FilePieceStore.open(oneFile("mcbt-test.bin", 10), sys)) {
      StorageException error =
          assertThrows(
              StorageException.class, () -> store.writeBlock(0, 0, ByteBuffer.allocate(10)));
      assertEquals(Reason.NOT_WRITABLE, error.reason(), error.getMessage());
      assertTrue(
          error.getMessage().startsWith("cannot create " + sys.resolve("mcbt-test.bin") + ": "),
          error.getMessage());
    }
  }

  /** procfs answers "no such file" when asked to create one in a folder that exists. */
  @Test
  void aProcFolder() {
    Path proc = Path.of("/proc/self");
    assumeTrue(Files.isDirectory(proc));
    try (FilePieceStore store = FilePieceStore.open(folderOfOne("mcbt-test"), proc)) {
      StorageException error =
          assertThrows(
              StorageException.class, () -> store.writeBlock(0, 0, ByteBuffer.allocate(10)));
      assertEquals(Reason.NOT_WRITABLE, error.reason(), error.getMessage());
      assertEquals(
          "cannot create the folder "
              + proc.resolve("mcbt-test")
              + ": the folder does not accept new files; choose another download folder",
          error.getMessage());
    }
  }

  /**
   * {@code /dev/full} fails every write with ENOSPC, exactly as a full disk does. A single-file
   * torrent named {@code full} stored in {@code /dev} writes to it.
   */
  @Test
  void aFullDisk() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full) && Files.isWritable(full));
    Info info = oneFile("full", 100);
    try (FilePieceStore files = FilePieceStore.open(info, full.getParent())) {
      PieceTracker tracker = new PieceTracker(files, new PieceState(info.pieceCount()));
      StorageException error =
          assertThrows(
              StorageException.class, () -> tracker.writeBlock(0, 0, ByteBuffer.allocate(100)));
      assertEquals(Reason.DISK_FULL, error.reason(), error.getMessage());
      assertEquals(
          "cannot write /dev/full: the disk is full (No space left on device); free some space or"
              + " choose another download folder, then start again"
              + " (pieces already verified are kept)",
          error.getMessage());
      assertFalse(tracker.verifyPiece(0));
      assertFalse(tracker.state().isVerified(0));
    }
  }
}
