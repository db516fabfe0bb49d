package io.mcbt.peer.storage;

import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.FileLayout.Span;
import io.mcbt.peer.storage.StorageException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A {@link PieceStore} over the torrent's own files below a download folder, read and written at
 * offsets with {@link FileChannel} positional I/O so threads never share a file position.
 *
 * <p>Files are opened on first use and kept open, at most a fixed number at once. The first write
 * creates a file with its folders and gives it its full length as a sparse file; it also creates
 * the torrent's zero-length files, which no piece would ever touch. Every path is checked by {@link
 * SafePaths} when the store opens, so a hostile torrent is refused before any byte is written.
 * Large aligned writes from direct buffers, such as a whole piece a group member gathered, go past
 * the page cache where the file system allows ({@link DirectWrites}), through channels of their
 * own: up to twice the open-file limit in descriptors.
 */
public final class FilePieceStore implements PieceStore {
  /** Enough for most torrents at once, far below any process's descriptor limit. */
  public static final int DEFAULT_MAX_OPEN_FILES = 64;

  /** Verification reads a piece through a buffer of this size instead of holding it whole. */
  private static final int VERIFY_BUFFER_BYTES = 64 * 1024;

  /**
   * One buffer per verifying thread (and {@link PieceHashes}' digest): a group member verifies a
   * piece every few milliseconds, and a fresh 64 KiB array each time was, measured, a twentieth of
   * the CPU time of a group of eight, spent touching new heap memory for the first time.
   */
  private static final ThreadLocal<ByteBuffer> VERIFY_BUFFERS =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(VERIFY_BUFFER_BYTES));

  private final Path downloadFolder;
  private final FileLayout layout;
  private final OpenFiles files;
  private final DirectWrites direct;
  private volatile boolean emptyFilesCreated;

  private FilePieceStore(Path downloadFolder, FileLayout layout, int maxOpenFiles) {
    this.downloadFolder = downloadFolder;
    this.layout = layout;
    this.files = new OpenFiles(maxOpenFiles, this::openFile);
    this.direct = new DirectWrites(downloadFolder, layout::path, maxOpenFiles);
  }

  /** The store of {@code info} below {@code downloadFolder}, with the default open-file limit. */
  public static FilePieceStore open(Info info, Path downloadFolder) {
    return open(info, downloadFolder, DEFAULT_MAX_OPEN_FILES);
  }

  /**
   * The store of {@code info} below {@code downloadFolder}. Nothing is created yet.
   *
   * @throws StorageException when the folder is missing or not a folder, or a file's path is unsafe
   */
  public static FilePieceStore open(Info info, Path downloadFolder, int maxOpenFiles) {
    checkFolder(downloadFolder);
    return new FilePieceStore(downloadFolder, new FileLayout(info, downloadFolder), maxOpenFiles);
  }

  private static void checkFolder(Path folder) {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (Files.exists(folder)) {
      throw new StorageException(
          Reason.NOT_A_FOLDER,
          folder,
          "the download folder " + folder + " is a file, not a folder; choose a folder instead");
    }
    throw new StorageException(
        Reason.FOLDER_MISSING,
        folder,
        "the download folder " + folder + " does not exist; create it or choose another folder");
  }

  @Override
  public Info info() {
    return layout.info();
  }

  /** Where file number {@code file} of the torrent is stored. */
  public Path path(int file) {
    return layout.path(file);
  }

  /**
   * Creates the torrent's folders and zero-length files now, and checks that the folders can be
   * written, so that a bad download folder fails before any peer is contacted rather than at the
   * first block.
   */
  public void prepareForWriting() {
    createEmptyFiles();
    for (int file = 0; file < layout.fileCount(); file++) {
      Path folder = layout.path(file).getParent();
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw StorageErrors.failed("create the folder", folder, e);
      }
      if (!Files.isWritable(folder)) {
        throw StorageErrors.failed(
            "write in", folder, new AccessDeniedException(folder.toString()));
      }
    }
  }

  @Override
  public void writeBlock(int piece, int offset, ByteBuffer data) {
    checkBlock(piece, offset, data.remaining());
    createEmptyFiles();
    transfer(layout.pieceStart(piece) + offset, data.duplicate(), true);
  }

  @Override
  public void readBlock(int piece, int offset, ByteBuffer target) {
    checkBlock(piece, offset, target.remaining());
    transfer(layout.pieceStart(piece) + offset, target.duplicate(), false);
    target.position(target.limit());
  }

  @Override
  public boolean isStored(int piece) {
    for (Span span : layout.pieceSpans(piece)) {
      Path file = layout.path(span.file());
      try {
        if (Files.readAttributes(file, BasicFileAttributes.class).size()
            < layout.length(span.file())) {
          return false;
        }
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        throw StorageErrors.failed("read", file, e);
      }
    }
    return true;
  }

  @Override
  public boolean verifyPiece(int piece) {
    if (!isStored(piece)) {
      return false;
    }
    int size = layout.pieceSize(piece);
    try {
      return PieceHashes.matches(this, piece, size, VERIFY_BUFFERS.get(), PieceHashes.threadSha1());
    } catch (StorageException e) {
      if (e.reason() == Reason.DATA_MISSING) {
        return false; // a file vanished or shrank after the size check
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try (direct) {
      files.close();
    } catch (IOException e) {
      throw StorageErrors.failed("close the files in", downloadFolder, e);
    }
  }

  private void checkBlock(int piece, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, layout.pieceSize(piece));
  }

  /** Moves {@code buffer}'s remaining bytes to or from the torrent's bytes from {@code offset}. */
  private void transfer(long offset, ByteBuffer buffer, boolean write) {
    for (Span span : layout.spans(offset, buffer.remaining())) {
      buffer.limit(buffer.position() + span.length());
      transfer(span, buffer, write);
    }
  }

  private void transfer(Span span, ByteBuffer buffer, boolean write) {
    if (write
        && direct.accepts(span.position(), span.length(), buffer)
        && writeDirect(span, buffer)) {
      return;
    }
    int start = buffer.position();
    for (int attempt = 1; ; attempt++) {
      try (OpenFiles.Lease lease = files.lease(span.file(), write)) {
        transfer(lease.channel(), span.position(), buffer, write);
        return;
      } catch (ClosedByInterruptException e) {
        throw StorageErrors.failed(write ? "write" : "read", layout.path(span.file()), e);
      } catch (ClosedChannelException e) {
        if (attempt > 1) {
          throw StorageErrors.failed(write ? "write" : "read", layout.path(span.file()), e);
        }
        // Another thread was interrupted while using the shared channel, which closed it for
        // everyone; the next lease opens the file again.
        buffer.position(start);
      } catch (IOException e) {
        throw StorageErrors.failed(write ? "write" : "read", layout.path(span.file()), e);
      }
    }
  }

  /** Whether the span went past the page cache; when not, nothing of it was written. */
  private boolean writeDirect(Span span, ByteBuffer buffer) {
    // The page cache's channel creates the file at its full length, which a direct one cannot.
    OpenFiles.Lease created = files.lease(span.file(), true);
    try {
      return direct.write(span.file(), span.position(), buffer);
    } catch (IOException e) {
      throw StorageErrors.failed("write", layout.path(span.file()), e);
    } finally {
      created.close();
    }
  }

  private static void transfer(FileChannel channel, long position, ByteBuffer buffer, boolean write)
      throws IOException {
    while (buffer.hasRemaining()) {
      int moved = write ? channel.write(buffer, position) : channel.read(buffer, position);
      if (moved < 0) {
        throw new EOFException("the file ended early");
      }
      position += moved;
    }
  }

  private FileChannel openFile(int file, boolean write) {
    Path path = layout.path(file);
    return write
        ? FileOpener.openForWriting(path, layout.length(file))
        : FileOpener.openForReading(path);
  }

  /** Zero-length files hold no piece, so no write would ever create them. */
  private void createEmptyFiles() {
    if (emptyFilesCreated) {
      return;
    }
    synchronized (this) {
      if (emptyFilesCreated) {
        return;
      }
      for (int file = 0; file < layout.fileCount(); file++) {
        if (layout.length(file) == 0) {
          FileOpener.createEmpty(layout.path(file));
        }
      }
      emptyFilesCreated = true;
    }
  }
}
