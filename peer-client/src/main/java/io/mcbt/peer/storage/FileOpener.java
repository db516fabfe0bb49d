package io.mcbt.peer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens and creates a torrent's files, turning failures into messages that name the file. */
final class FileOpener {
  private FileOpener() {}

  /** Opens an existing file to read. */
  static FileChannel openForReading(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw StorageErrors.failed("read", file, e);
    }
  }

  /**
   * Opens {@code file} to read and write, creating it and its folders first, and gives it exactly
   * {@code length} bytes. Growing leaves a hole, so a fresh file takes no disk space until blocks
   * arrive; shrinking drops bytes the torrent does not have, so the finished file matches it.
   */
  static FileChannel openForWriting(Path file, long length) {
    createFolders(file);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw StorageErrors.failed("create", file, e);
    }
    try {
      setLength(channel, length);
      return channel;
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw StorageErrors.failed("write", file, e);
    }
  }

  /** Creates a zero-length file of the torrent, emptying it if something else is there. */
  static void createEmpty(Path file) {
    createFolders(file);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      if (channel.size() > 0) {
        channel.truncate(0);
      }
    } catch (IOException e) {
      throw StorageErrors.failed("create", file, e);
    }
  }

  private static void createFolders(Path file) {
    Path folder = file.getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw StorageErrors.failed("create the folder", folder, e);
    }
  }

  private static void setLength(FileChannel channel, long length) throws IOException {
    long size = channel.size();
    if (size > length) {
      channel.truncate(length);
    } else if (size < length) {
      // FileChannel cannot grow a file; one byte at the end does, leaving a hole before it.
      channel.write(ByteBuffer.allocate(1), length - 1);
    }
  }

  private static void closeQuietly(FileChannel channel, IOException failure) {
    try {
      channel.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
