package io.mcbt.e2e;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.metainfo.TorrentCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small torrents of random data for end-to-end tests. */
final class SampleTorrents {
  private SampleTorrents() {}

  static byte[] random(String name) throws IOException {
    return random(name, "http://127.0.0.1:1/announce");
  }

  /** The same, announcing to the given trackers, each its own tier. */
  static byte[] random(String name, String... announceUrls) throws IOException {
    Path folder = Files.createTempDirectory("mcbt-e2e");
    Path file = folder.resolve(name);
    byte[] data = new byte[70_000];
    new Random().nextBytes(data);
    Files.write(file, data);
    try {
      return TorrentCreator.of(file).announce(announceUrls).create().bytes();
    } finally {
      Files.delete(file);
      Files.delete(folder);
    }
  }

  static InfoHash infoHash(byte[] torrent) {
    try {
      return MetainfoParser.parse(torrent).infoHash();
    } catch (MalformedTorrentException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
