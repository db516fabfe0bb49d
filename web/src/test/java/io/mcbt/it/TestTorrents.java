package io.mcbt.it;

import io.mcbt.metainfo.TorrentCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/** Makes small, distinct torrents for tests. */
final class TestTorrents {
  private TestTorrents() {}

  /** A fresh single-file torrent named {@code name} with random content. */
  static TorrentCreator.CreatedTorrent named(String name) {
    try {
      Path folder = Files.createTempDirectory("mcbt-it");
      Path file = folder.resolve(name);
      byte[] data = new byte[40_000 + new Random().nextInt(20_000)];
      new Random().nextBytes(data);
      Files.write(file, data);
      TorrentCreator.CreatedTorrent torrent =
          TorrentCreator.of(file).announce("http://127.0.0.1:17180/announce").create();
      Files.delete(file);
      Files.delete(folder);
      return torrent;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A word no other test uses, to search for. */
  static String uniqueWord() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
