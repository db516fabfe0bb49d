package io.mcbt.peer.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Writes whole, aligned stretches of a torrent's files past the page cache (O_DIRECT). A member of
 * a multicast group writes every piece it gets exactly once and reads few of them back, so copying
 * them into fresh page-cache memory is pure cost: measured on a test bed of sixteen receivers, it
 * was a quarter of all CPU time, and it is the same cost that makes a large download evict
 * everything else from memory. Only stretches whose position, length and memory address are
 * multiples of the file system's block size qualify; everything else, and every file system that
 * refuses direct I/O (tmpfs), is written through the page cache as before.
 */
final class DirectWrites implements AutoCloseable {
  /** Below this, a write is not worth a second descriptor and a wait for the disk. */
  static final int MIN_BYTES = 64 * 1024;

  private final OpenFiles channels;
  private final int alignment;
  private volatile boolean refused;

  /**
   * Direct channels on the files {@code paths} names below {@code folder}, at most {@code maxOpen}
   * open; each file must already exist with its full length when it is first written.
   */
  DirectWrites(Path folder, IntFunction<Path> paths, int maxOpen) {
    this.alignment = blockSize(folder);
    this.refused = alignment <= 0;
    this.channels = new OpenFiles(maxOpen, (file, write) -> open(paths.apply(file)));
  }

  /** Whether {@code length} bytes at {@code position} of a file, from {@code buffer}, qualify. */
  boolean accepts(long position, int length, ByteBuffer buffer) {
    return !refused
        && length >= MIN_BYTES
        && position % alignment == 0
        && length % alignment == 0
        && buffer.isDirect()
        && buffer.alignmentOffset(buffer.position(), alignment) == 0;
  }

  /**
   * Writes {@code buffer}'s remaining bytes at {@code position} of file {@code file}; false, with
   * nothing written, when the file system refuses direct I/O (the caller then writes through the
   * page cache, as every later call will ask it to). A channel closed under the write (another
   * thread was interrupted) also answers false, without refusing later writes.
   */
  boolean write(int file, long position, ByteBuffer buffer) throws IOException {
    int start = buffer.position();
    try (OpenFiles.Lease lease = channels.lease(file, true)) {
      while (buffer.hasRemaining()) {
        position += lease.channel().write(buffer, position);
      }
      return true;
    } catch (DirectIoRefused e) {
      refused = true;
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (ClosedChannelException e) {
      // the page cache path below reopens the file
    } catch (IOException e) {
      if (buffer.position() != start) {
        throw e; // a real failure part way, such as a full disk
      }
      refused = true; // an alignment the file system wants and this one did not foresee
    }
    buffer.position(start);
    return false;
  }

  private FileChannel open(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      throw new DirectIoRefused();
    }
  }

  private static int blockSize(Path folder) {
    try {
      long size = Files.getFileStore(folder).getBlockSize();
      return size > 0 && size <= 1 << 16 && Long.bitCount(size) == 1 ? (int) size : -1;
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    channels.close();
  }

  /** The file system would not open a file for direct I/O. */
  private static final class DirectIoRefused extends RuntimeException {
    DirectIoRefused() {
      super(null, null, false, false);
    }
  }
}
