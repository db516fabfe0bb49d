package io.mcbt.metainfo;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a torrent's files as one contiguous byte range with positional reads, so several threads
 * can read different pieces at once through the same channels.
 */
final class FileSpanReader implements Closeable {
  private final List<SourceFile> files;
  private final long[] starts;
  private final List<FileChannel> channels = new ArrayList<>();

  FileSpanReader(List<SourceFile> files) throws IOException {
    this.files = files;
    this.starts = new long[files.size()];
    long offset = 0;
    try {
      for (int i = 0; i < files.size(); i++) {
        starts[i] = offset;
        offset += files.get(i).length();
        channels.add(FileChannel.open(files.get(i).location(), StandardOpenOption.READ));
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Fills {@code buffer} from byte {@code offset} of the span, crossing files as needed. */
  void read(long offset, ByteBuffer buffer) throws IOException {
    int index = fileAt(offset);
    long position = offset - starts[index];
    while (buffer.hasRemaining()) {
      if (index >= files.size()) {
        throw new EOFException("the files ended before the torrent did");
      }
      if (position >= files.get(index).length()) {
        index++;
        position = 0;
        continue;
      }
      int limit = buffer.limit();
      long available = files.get(index).length() - position;
      if (available < buffer.remaining()) {
        buffer.limit(buffer.position() + (int) available);
      }
      int read = channels.get(index).read(buffer, position);
      buffer.limit(limit);
      if (read < 0) {
        throw new EOFException(files.get(index).location() + " shrank while being hashed");
      }
      position += read;
    }
  }

  private int fileAt(long offset) {
    int low = 0;
    int high = starts.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (FileChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
