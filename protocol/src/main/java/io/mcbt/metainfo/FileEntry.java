package io.mcbt.metainfo;

import java.util.List;

/**
 * One file of a torrent.
 *
 * @param path the components below the torrent's folder; for a single-file torrent, its name
 * @param length the size in bytes
 */
public record FileEntry(List<String> path, long length) {
  public FileEntry {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a file path has at least one component");
    }
    if (length < 0) {
      throw new IllegalArgumentException("a file length is not negative");
    }
  }

  /** The path joined with '/', for display. */
  public String displayPath() {
    return String.join("/", path);
  }
}
