package io.mcbt.peer.cli;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MagnetLink;

/** What {@code fetch} was asked for: a torrent by info-hash, or a name to look up. */
sealed interface FetchTarget {

  /** A known torrent: 40 hex digits or a magnet link. */
  record ByHash(InfoHash infoHash) implements FetchTarget {}

  /** Words of a torrent's name, to search for. */
  record ByName(String name) implements FetchTarget {}

  /**
   * Reads the argument of {@code fetch}.
   *
   * @throws IllegalArgumentException for a broken magnet link or an empty argument
   */
  static FetchTarget parse(String argument) {
    String text = argument.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("give an info-hash, a magnet link or a name");
    }
    if (text.startsWith("magnet:")) {
      return new ByHash(MagnetLink.parse(text).infoHash());
    }
    if (InfoHash.isHex(text)) {
      return new ByHash(InfoHash.fromHex(text));
    }
    return new ByName(text);
  }
}
