package io.mcbt.metainfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file on disk that goes into a torrent being created.
 *
 * @param location where the bytes are read from
 * @param torrentPath the path components the torrent gives it
 * @param length its size when scanned
 */
record SourceFile(Path location, List<String> torrentPath, long length) {

  /**
   * The files a torrent of {@code source} holds: the file itself, or every regular file below the
   * folder in a stable order (symbolic links are not followed, so nothing outside is shared).
   */
  static List<SourceFile> scan(Path source) throws IOException {
    if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(
          new SourceFile(source, List.of(source.getFileName().toString()), Files.size(source)));
    }
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(source + " is neither a regular file nor a folder");
    }
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file :
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .sorted(Comparator.comparing(p -> source.relativize(p).toString()))
              .toList()) {
        List<String> components = new ArrayList<>();
        source.relativize(file).forEach(part -> components.add(part.toString()));
        files.add(new SourceFile(file, components, Files.size(file)));
      }
    }
    if (files.isEmpty()) {
      throw new IOException(source + " holds no regular files");
    }
    return files;
  }
}
