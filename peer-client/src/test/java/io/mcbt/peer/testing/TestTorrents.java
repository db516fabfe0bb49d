package io.mcbt.peer.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcbt.metainfo.MagnetLink;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Real torrents of random data, and the JSON the index would send about them. */
public final class TestTorrents {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestTorrents() {}

  /** A file of {@code size} random bytes named {@code name} in {@code folder}. */
  public static Path randomFile(Path folder, String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    return Files.write(folder.resolve(name), data);
  }

  /** A torrent of a new random file. */
  public static CreatedTorrent create(Path folder, String name, int size) throws IOException {
    return TorrentCreator.of(randomFile(folder, name, size))
        .announce("http://tracker.test/announce")
        .create();
  }

  /** The index's metadata JSON for a torrent. */
  public static String detailsJson(Metainfo metainfo, String server) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("infoHash", metainfo.infoHash().hex());
    json.put("name", metainfo.info().name());
    json.put("totalSize", metainfo.info().totalLength());
    json.put("pieceLength", metainfo.info().pieceLength());
    json.put("pieceCount", metainfo.info().pieceCount());
    json.put("fileCount", metainfo.info().files().size());
    json.put(
        "files",
        metainfo.info().files().stream()
            .map(file -> Map.of("path", file.displayPath(), "length", file.length()))
            .toList());
    json.put("trackers", metainfo.trackerTiers());
    json.put("privateTorrent", metainfo.info().privateTorrent());
    json.put("comment", metainfo.comment().orElse(null));
    json.put("createdBy", metainfo.createdBy().orElse(null));
    json.put("creationDate", metainfo.creationDate().map(Object::toString).orElse(null));
    json.put("addedAt", "2025-01-02T03:04:05.678Z");
    json.put("magnet", MagnetLink.of(metainfo).uri());
    json.put("torrentUrl", server + "/api/torrents/" + metainfo.infoHash().hex() + ".torrent");
    json.put("somethingNew", "clients must ignore fields they do not know");
    return write(json);
  }

  /** A search answer listing {@code items}, each {@code infoHash, name} pairs. */
  public static String searchJson(long total, int page, int size, List<String[]> items) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", total);
    json.put("page", page);
    json.put("size", size);
    json.put(
        "items",
        items.stream()
            .map(
                item ->
                    Map.of(
                        "infoHash",
                        item[0],
                        "name",
                        item[1],
                        "totalSize",
                        1536,
                        "fileCount",
                        1,
                        "privateTorrent",
                        false,
                        "addedAt",
                        "2025-01-02T03:04:05.678Z"))
            .toList());
    return write(json);
  }

  /** A port on which nothing listens, for connection-refused tests. */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String write(Object json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
