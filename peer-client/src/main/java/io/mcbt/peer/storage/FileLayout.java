package io.mcbt.peer.storage;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.peer.storage.StorageException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each byte of a torrent lives: the torrent is its files laid end to end (BEP 3), so a piece
 * or a block may cover the end of one file, several small files and the start of another.
 */
final class FileLayout {
  /** A run of bytes inside one file. */
  record Span(int file, long position, int length) {}

  private final Info info;
  private final List<Path> paths;
  private final long[] starts;
  private final long totalLength;

  FileLayout(Info info, Path downloadFolder) {
    this.info = info;
    List<FileEntry> files = info.files();
    this.paths = new ArrayList<>(files.size());
    this.starts = new long[files.size()];
    Set<Path> seen = new HashSet<>();
    long offset = 0;
    for (int i = 0; i < files.size(); i++) {
      Path path = SafePaths.resolve(downloadFolder, SafePaths.components(info, files.get(i)));
      if (!seen.add(path)) {
        // Two entries on one file would overwrite each other's pieces and never verify.
        throw new StorageException(
            Reason.UNSAFE_PATH, path, "the torrent names " + path + " twice; it cannot be stored");
      }
      paths.add(path);
      starts[i] = offset;
      offset += files.get(i).length();
    }
    this.totalLength = offset;
    checkPieces(info, offset);
  }

  /** The parser ensures this for torrents it reads; an {@link Info} built in code may not. */
  private static void checkPieces(Info info, long totalLength) {
    long pieceLength = info.pieceLength();
    if (pieceLength <= 0 || pieceLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("piece length " + pieceLength + " cannot be stored");
    }
    long pieces = (totalLength + pieceLength - 1) / pieceLength;
    if (pieces != info.pieceCount()) {
      throw new IllegalArgumentException(
          "the torrent has " + info.pieceCount() + " piece hashes for " + pieces + " pieces");
    }
  }

  Info info() {
    return info;
  }

  int fileCount() {
    return paths.size();
  }

  Path path(int file) {
    return paths.get(file);
  }

  long length(int file) {
    return info.files().get(file).length();
  }

  long totalLength() {
    return totalLength;
  }

  /** The runs that hold {@code length} bytes from byte {@code offset} of the torrent, in order. */
  List<Span> spans(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > totalLength) {
      throw new IndexOutOfBoundsException(
          "bytes " + offset + "+" + length + " outside a torrent of " + totalLength);
    }
    List<Span> spans = new ArrayList<>(2);
    if (length == 0) {
      return spans;
    }
    int file = fileAt(offset);
    long position = offset - starts[file];
    long remaining = length;
    while (remaining > 0) {
      long available = length(file) - position;
      if (available <= 0) {
        file++; // also steps over zero-length files, which hold no bytes
        position = 0;
        continue;
      }
      int take = (int) Math.min(available, remaining);
      spans.add(new Span(file, position, take));
      remaining -= take;
      position += take;
    }
    return spans;
  }

  int pieceCount() {
    return info.pieceCount();
  }

  /** Computed here because {@link Info#pieceSize} adds up every file's length on each call. */
  int pieceSize(int piece) {
    if (piece < 0 || piece >= info.pieceCount()) {
      throw new IndexOutOfBoundsException(
          "piece " + piece + " of a torrent with " + info.pieceCount() + " pieces");
    }
    return (int) Math.min(info.pieceLength(), totalLength - pieceStart(piece));
  }

  long pieceStart(int piece) {
    return piece * info.pieceLength();
  }

  /** The runs that hold piece {@code piece}. */
  List<Span> pieceSpans(int piece) {
    return spans(pieceStart(piece), pieceSize(piece));
  }

  /**
   * The last file starting at or before {@code offset}. Among files with equal starts that is the
   * one after any zero-length files, which is the one holding the byte.
   */
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
}
