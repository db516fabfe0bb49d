package io.mcbt.peer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mcbt.peer.storage.StorageException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorageErrorsTest {
  static final Path FILE = Path.of("/downloads/album/a.bin");

  static Stream<Arguments> failures() {
    String f = FILE.toString();
    return Stream.of(
        Arguments.of(
            new IOException("No space left on device"),
            Reason.DISK_FULL,
            "cannot write "
                + f
                + ": the disk is full (No space left on device); free some space or choose"
                + " another download folder, then start again (pieces already verified are kept)"),
        Arguments.of(
            new FileSystemException(f, null, "Disk quota exceeded"),
            Reason.DISK_FULL,
            "cannot write "
                + f
                + ": the disk is full (Disk quota exceeded); free some space or choose"
                + " another download folder, then start again (pieces already verified are kept)"),
        Arguments.of(
            new AccessDeniedException(f),
            Reason.NOT_WRITABLE,
            "cannot write "
                + f
                + ": permission denied; make the folder writable for this user"
                + " or choose another download folder"),
        Arguments.of(
            new IOException("Operation not permitted"),
            Reason.NOT_WRITABLE,
            "cannot write "
                + f
                + ": permission denied; make the folder writable for this user"
                + " or choose another download folder"),
        Arguments.of(
            new FileSystemException(f, null, "Read-only file system"),
            Reason.NOT_WRITABLE,
            "cannot write "
                + f
                + ": the file system is read-only; choose a download folder on a writable disk"),
        Arguments.of(
            new FileAlreadyExistsException(f),
            Reason.NOT_A_FOLDER,
            "cannot write " + f + ": a file stands where the torrent needs a folder; move it away"),
        Arguments.of(
            new FileSystemException(f, null, "File name too long"),
            Reason.IO_ERROR,
            "cannot write "
                + f
                + ": the name is too long for this file system; choose a shorter download folder"),
        Arguments.of(
            new ClosedByInterruptException(),
            Reason.IO_ERROR,
            "cannot write " + f + ": interrupted, because the download is stopping"),
        Arguments.of(
            new IOException("Input/output error"),
            Reason.IO_ERROR,
            "cannot write " + f + ": Input/output error"),
        // The file name is not mistaken for the reason.
        Arguments.of(
            new FileSystemException("/no space left on device/x", null, "Input/output error"),
            Reason.IO_ERROR,
            "cannot write " + f + ": Input/output error"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void namesTheFileAndWhatToDo(IOException failure, Reason reason, String message) {
    StorageException error = StorageErrors.failed("write", FILE, failure);
    assertEquals(reason, error.reason());
    assertEquals(message, error.getMessage());
    assertEquals(FILE, error.file().orElseThrow());
    assertSame(failure, error.getCause());
  }

  @Test
  void aMissingFileWhenReadingIsMissingData() {
    StorageException error = StorageErrors.failed("read", FILE, new NoSuchFileException("x"));
    assertEquals(Reason.DATA_MISSING, error.reason());
    assertEquals(
        "cannot read "
            + FILE
            + ": the file is missing (moved or deleted); re-check the download to fetch it again",
        error.getMessage());
  }

  @Test
  void aShortFileIsMissingData() {
    StorageException error = StorageErrors.failed("read", FILE, new EOFException());
    assertEquals(Reason.DATA_MISSING, error.reason());
    assertEquals(
        "cannot read "
            + FILE
            + ": the file is shorter than the torrent says; re-check the download",
        error.getMessage());
  }

  @Test
  void aMissingFolderWhenWritingSaysWhichFolder(@TempDir Path temp) {
    Path file = temp.resolve("gone/a.bin");
    StorageException error =
        StorageErrors.failed("create", file, new NoSuchFileException(file.toString()));
    assertEquals(Reason.FOLDER_MISSING, error.reason());
    assertEquals(
        "cannot create "
            + file
            + ": the folder "
            + temp.resolve("gone")
            + " has disappeared; check the download folder",
        error.getMessage());
  }

  @Test
  void aFolderThatTakesNoFilesIsNotWritable(@TempDir Path temp) {
    Path file = temp.resolve("a.bin");
    StorageException error =
        StorageErrors.failed("create", file, new NoSuchFileException(file.toString()));
    assertEquals(Reason.NOT_WRITABLE, error.reason());
  }
}
