package io.mcbt.metainfo;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.BencodeException;
import com.dampcake.bencode.Type;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code .torrent} files strictly: BEP 3 single- and multi-file torrents, BEP 12
 * announce-list, BEP 27 private flag and BEP 19 url-list. Anything else is refused with a {@link
 * MalformedTorrentException} that says what is wrong, so that a seeder learns why its upload failed
 * and no leecher ever receives a torrent that cannot be downloaded safely.
 */
public final class MetainfoParser {
  /** Bounds on what a torrent may claim. */
  public record Limits(int maxBytes, int maxDepth, int maxFiles, long maxPieceLength) {
    public static final Limits DEFAULT = new Limits(16 << 20, 32, 100_000, 256L << 20);
  }

  private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8, true);

  private final Limits limits;

  public MetainfoParser(Limits limits) {
    this.limits = limits;
  }

  /** Parses with {@link Limits#DEFAULT}. */
  public static Metainfo parse(byte[] torrent) throws MalformedTorrentException {
    return new MetainfoParser(Limits.DEFAULT).read(torrent);
  }

  public Metainfo read(byte[] torrent) throws MalformedTorrentException {
    if (torrent.length > limits.maxBytes()) {
      throw new MalformedTorrentException("torrent is larger than " + limits.maxBytes() + " bytes");
    }
    Map<String, BencodeScanner.Span> spans =
        BencodeScanner.topLevelSpans(torrent, limits.maxDepth());
    BencodeScanner.Span infoSpan = spans.get("info");
    if (infoSpan == null) {
      throw new MalformedTorrentException("missing key info");
    }
    Fields root = new Fields(decode(torrent), "");
    Info info = readInfo(root.dictionary("info"));
    return new Metainfo(
        InfoHash.of(torrent, infoSpan.start(), infoSpan.length()),
        info,
        readTrackerTiers(root),
        readWebSeeds(root),
        root.optionalText("comment"),
        root.optionalText("created by"),
        readCreationDate(root));
  }

  private static Optional<Instant> readCreationDate(Fields root) throws MalformedTorrentException {
    if (!root.has("creation date")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(root.integer("creation date")));
    } catch (DateTimeException e) {
      throw new MalformedTorrentException("creation date is out of range");
    }
  }

  private static Map<String, Object> decode(byte[] torrent) throws MalformedTorrentException {
    try {
      return BENCODE.decode(torrent, Type.DICTIONARY);
    } catch (BencodeException | IllegalArgumentException e) {
      // The scanner has accepted the bytes, so this is a disagreement we want to hear about.
      throw new MalformedTorrentException("not bencode: " + e.getMessage());
    }
  }

  private Info readInfo(Fields info) throws MalformedTorrentException {
    String name = info.text("name");
    requireSafe(name, info.name("name"));
    long pieceLength = info.integer("piece length");
    if (pieceLength <= 0 || pieceLength > limits.maxPieceLength()) {
      throw new MalformedTorrentException(
          "info.piece length must be between 1 and " + limits.maxPieceLength());
    }
    byte[] pieces = info.bytes("pieces");
    if (pieces.length % Info.PIECE_HASH_LENGTH != 0) {
      throw new MalformedTorrentException("info.pieces length is not a multiple of 20");
    }
    boolean singleFile = info.has("length");
    if (singleFile == info.has("files")) {
      throw new MalformedTorrentException("info must have exactly one of length and files");
    }
    List<FileEntry> files =
        singleFile ? List.of(new FileEntry(List.of(name), singleLength(info))) : readFiles(info);
    long total = totalLength(files);
    long expectedPieces = total / pieceLength + (total % pieceLength == 0 ? 0 : 1);
    if (pieces.length / Info.PIECE_HASH_LENGTH != expectedPieces) {
      throw new MalformedTorrentException(
          String.format(
              "info.pieces holds %d hashes but %d bytes in pieces of %d need %d",
              pieces.length / Info.PIECE_HASH_LENGTH, total, pieceLength, expectedPieces));
    }
    return new Info(name, pieceLength, pieces, files, singleFile, readPrivateFlag(info));
  }

  private static long singleLength(Fields info) throws MalformedTorrentException {
    long length = info.integer("length");
    if (length <= 0) {
      throw new MalformedTorrentException("info.length must be positive");
    }
    return length;
  }

  private List<FileEntry> readFiles(Fields info) throws MalformedTorrentException {
    List<Object> entries = info.list("files");
    if (entries.isEmpty()) {
      throw new MalformedTorrentException("info.files is empty");
    }
    if (entries.size() > limits.maxFiles()) {
      throw new MalformedTorrentException("info.files lists more than " + limits.maxFiles());
    }
    List<FileEntry> files = new ArrayList<>(entries.size());
    Set<List<String>> paths = new HashSet<>();
    Set<List<String>> folders = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "info.files[" + i + "]";
      Fields entry = Fields.asDictionary(entries.get(i), where);
      long length = entry.integer("length");
      if (length < 0) {
        throw new MalformedTorrentException(where + ".length is negative");
      }
      List<String> path = readPath(entry.list("path"), where + ".path");
      if (!paths.add(path)) {
        throw new MalformedTorrentException(where + ".path repeats another file's path");
      }
      if (folders.contains(path)) {
        throw new MalformedTorrentException(where + ".path is a folder of another file");
      }
      for (int depth = 1; depth < path.size(); depth++) {
        List<String> folder = List.copyOf(path.subList(0, depth));
        if (paths.contains(folder)) {
          throw new MalformedTorrentException(where + ".path lies under another file");
        }
        folders.add(folder);
      }
      files.add(new FileEntry(path, length));
    }
    return files;
  }

  private static List<String> readPath(List<Object> components, String where)
      throws MalformedTorrentException {
    if (components.isEmpty()) {
      throw new MalformedTorrentException(where + " is empty");
    }
    List<String> path = new ArrayList<>(components.size());
    for (int i = 0; i < components.size(); i++) {
      String component = Fields.asText(components.get(i), where + "[" + i + "]");
      requireSafe(component, where);
      path.add(component);
    }
    return path;
  }

  private static void requireSafe(String component, String where) throws MalformedTorrentException {
    Optional<String> problem = PathComponents.problem(component);
    if (problem.isPresent()) {
      throw new MalformedTorrentException(where + ": " + problem.get());
    }
  }

  private static long totalLength(List<FileEntry> files) throws MalformedTorrentException {
    long total = 0;
    for (FileEntry file : files) {
      total += file.length();
      if (total < 0) {
        throw new MalformedTorrentException("info: total length overflows");
      }
    }
    if (total == 0) {
      throw new MalformedTorrentException("info: the torrent holds no data");
    }
    return total;
  }

  private static boolean readPrivateFlag(Fields info) throws MalformedTorrentException {
    if (!info.has("private")) {
      return false;
    }
    long flag = info.integer("private");
    if (flag != 0 && flag != 1) {
      throw new MalformedTorrentException("info.private must be 0 or 1");
    }
    return flag == 1;
  }

  private static List<List<String>> readTrackerTiers(Fields root) throws MalformedTorrentException {
    List<List<String>> tiers = new ArrayList<>();
    if (root.has("announce-list")) {
      List<Object> list = root.list("announce-list");
      for (int t = 0; t < list.size(); t++) {
        List<Object> tier = Fields.asList(list.get(t), "announce-list[" + t + "]");
        List<String> urls = new ArrayList<>(tier.size());
        for (int u = 0; u < tier.size(); u++) {
          urls.add(Fields.asText(tier.get(u), "announce-list[" + t + "][" + u + "]"));
        }
        if (!urls.isEmpty()) {
          tiers.add(urls);
        }
      }
    }
    Optional<String> announce = root.optionalText("announce");
    if (tiers.isEmpty() && announce.isPresent() && !announce.get().isBlank()) {
      tiers.add(List.of(announce.get()));
    }
    return tiers;
  }

  private static List<String> readWebSeeds(Fields root) throws MalformedTorrentException {
    if (!root.has("url-list")) {
      return List.of();
    }
    Object value = root.raw("url-list");
    if (!(value instanceof List<?>)) {
      String url = Fields.asText(value, "url-list");
      return url.isEmpty() ? List.of() : List.of(url);
    }
    List<Object> list = Fields.asList(value, "url-list");
    List<String> urls = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      urls.add(Fields.asText(list.get(i), "url-list[" + i + "]"));
    }
    return urls;
  }
}
