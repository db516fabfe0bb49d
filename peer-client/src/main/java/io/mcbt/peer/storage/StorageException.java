package io.mcbt.peer.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Storage failed in a way the user has to fix: the message names the file and says what to do.
 *
 * <p>Unchecked on purpose: the code that meets it (a block arriving from a peer, a hashing thread)
 * cannot repair a full disk or a missing folder, so it lets the failure travel to the download's
 * top level, which stops the download and shows the message. A checked exception would only be
 * wrapped and rethrown at every layer in between.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (exit code, retry, report). */
  public enum Reason {
    /** The download folder does not exist. */
    FOLDER_MISSING,
    /** The download folder, or a folder the torrent needs, is a file. */
    NOT_A_FOLDER,
    /** The torrent names a file that would land outside the download folder. */
    UNSAFE_PATH,
    /** Permission denied, or a read-only file system. */
    NOT_WRITABLE,
    /** No space left on the device, or the disk quota is used up. */
    DISK_FULL,
    /** A file that should hold data is missing or shorter than the torrent says. */
    DATA_MISSING,
    /** Any other input or output error; the message carries the system's words. */
    IO_ERROR
  }

  private final Reason reason;
  private final transient Path file;

  public StorageException(Reason reason, Path file, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.file = file;
  }

  public StorageException(Reason reason, Path file, String message) {
    this(reason, file, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The file or folder concerned, when there is one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
