package io.mcbt.metainfo;

import static io.mcbt.metainfo.Bencoding.dict;
import static io.mcbt.metainfo.Bencoding.list;
import static io.mcbt.metainfo.Bencoding.pieces;

import io.mcbt.metainfo.Bencoding.Raw;
import java.util.Arrays;

/** Valid torrents, bencoded by hand, for tests to break one field at a time. */
final class TorrentShapes {
  private TorrentShapes() {}

  static final String ANNOUNCE = "http://127.0.0.1:6969/announce";
  static final Raw VALID_SINGLE = torrent(singleInfo());
  static final Raw VALID_MULTI = torrent(multiInfo(list(file(1, "sub", "a.bin"))));

  static Raw singleInfo(Object... extraKeysAndValues) {
    Object[] base = {"length", 1, "name", "a.bin", "piece length", 16384, "pieces", pieces(1)};
    return dict(append(base, extraKeysAndValues));
  }

  static Raw multiInfo(Raw files) {
    return dict("files", files, "name", "folder", "piece length", 16384, "pieces", pieces(1));
  }

  static Raw file(long length, Object... path) {
    return dict("length", length, "path", list(path));
  }

  static Raw torrent(Raw info, Object... extraKeysAndValues) {
    return dict(append(new Object[] {"announce", ANNOUNCE, "info", info}, extraKeysAndValues));
  }

  static Raw withPath(Object... path) {
    return torrent(multiInfo(list(file(1, path))));
  }

  static Object[] append(Object[] first, Object[] second) {
    Object[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
