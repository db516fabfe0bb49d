package io.mcbt.peer.session;

import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.wire.Bencode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bytes of a torrent's {@code info} dictionary, which BEP 9 serves to peers. A {@link
 * io.mcbt.metainfo.Metainfo} keeps only the parsed fields, so they are encoded again, canonically;
 * that gives the original bytes exactly when the original was canonical and had no other keys,
 * which the info-hash tells: anything else is not served, since a peer would reject it.
 */
final class InfoDictionary {
  private InfoDictionary() {}

  /** The encoded dictionary, if its SHA-1 is {@code infoHash}. */
  static Optional<byte[]> encode(Info info, InfoHash infoHash) {
    byte[] bytes = Bencode.encode(fields(info));
    return InfoHash.of(bytes, 0, bytes.length).equals(infoHash)
        ? Optional.of(bytes)
        : Optional.empty();
  }

  private static Map<String, Object> fields(Info info) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("name", info.name());
    fields.put("piece length", info.pieceLength());
    fields.put("pieces", info.pieceHashes());
    if (info.privateTorrent()) {
      fields.put("private", 1L);
    }
    if (info.singleFile()) {
      fields.put("length", info.totalLength());
    } else {
      List<Object> files = new ArrayList<>();
      for (FileEntry file : info.files()) {
        files.add(Map.of("length", file.length(), "path", file.path()));
      }
      fields.put("files", files);
    }
    return fields;
  }
}
