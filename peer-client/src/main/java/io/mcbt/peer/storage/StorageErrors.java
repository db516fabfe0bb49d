package io.mcbt.peer.storage;

import io.mcbt.peer.storage.StorageException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns the system's terse I/O errors into a {@link StorageException} that names the file and says
 * what the user can do. The JDK reports most failures of {@code FileChannel.write} as a plain
 * {@link IOException} carrying the C library's text, so that text is matched as well as the type.
 */
final class StorageErrors {
  private StorageErrors() {}

  /**
   * The failure of {@code action} on {@code file}.
   *
   * @param action what was being done, as a verb phrase: "read", "write", "create the folder"
   */
  static StorageException failed(String action, Path file, IOException failure) {
    String system = systemText(failure);
    String lower = system.toLowerCase(Locale.ROOT);
    String prefix = "cannot " + action + " " + file + ": ";
    if (failure instanceof AccessDeniedException
        || lower.contains("permission denied")
        || lower.contains("operation not permitted")) {
      return new StorageException(
          Reason.NOT_WRITABLE,
          file,
          prefix
              + "permission denied; make the folder writable for this user"
              + " or choose another download folder",
          failure);
    }
    if (lower.contains("read-only file system")) {
      return new StorageException(
          Reason.NOT_WRITABLE,
          file,
          prefix + "the file system is read-only; choose a download folder on a writable disk",
          failure);
    }
    if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
      return new StorageException(
          Reason.DISK_FULL,
          file,
          prefix
              + "the disk is full ("
              + system
              + "); free some space or choose another download folder, then start again"
              + " (pieces already verified are kept)",
          failure);
    }
    if (failure instanceof NotDirectoryException
        || failure instanceof FileAlreadyExistsException
        || lower.contains("not a directory")) {
      return new StorageException(
          Reason.NOT_A_FOLDER,
          file,
          prefix + "a file stands where the torrent needs a folder; move it away",
          failure);
    }
    if (lower.contains("file name too long")) {
      return new StorageException(
          Reason.IO_ERROR,
          file,
          prefix + "the name is too long for this file system; choose a shorter download folder",
          failure);
    }
    if (failure instanceof ClosedByInterruptException) {
      return new StorageException(
          Reason.IO_ERROR, file, prefix + "interrupted, because the download is stopping", failure);
    }
    if (failure instanceof NoSuchFileException) {
      return missing(action, file, failure, prefix);
    }
    if (failure instanceof EOFException) {
      return new StorageException(
          Reason.DATA_MISSING,
          file,
          prefix + "the file is shorter than the torrent says; re-check the download",
          failure);
    }
    return new StorageException(Reason.IO_ERROR, file, prefix + system, failure);
  }

  private static StorageException missing(
      String action, Path file, IOException failure, String prefix) {
    if (action.equals("read")) {
      return new StorageException(
          Reason.DATA_MISSING,
          file,
          prefix
              + "the file is missing (moved or deleted); re-check the download to fetch it again",
          failure);
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      return new StorageException(
          Reason.FOLDER_MISSING,
          file,
          prefix + "the folder " + folder + " has disappeared; check the download folder",
          failure);
    }
    // Seen on /proc and similar pseudo file systems: the folder exists but takes no new entries.
    return new StorageException(
        Reason.NOT_WRITABLE,
        file,
        prefix + "the folder does not accept new files; choose another download folder",
        failure);
  }

  /**
   * The system's own words. A {@link FileSystemException}'s message starts with its file name,
   * which must not be matched against the phrases above, so only its reason is used.
   */
  private static String systemText(IOException failure) {
    String text = failure instanceof FileSystemException fs ? fs.getReason() : failure.getMessage();
    return text == null ? failure.getClass().getSimpleName() : text;
  }
}
