package io.mcbt.metainfo;

import com.dampcake.bencode.Bencode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Creates a torrent from a file or a folder. Pieces are hashed on all cores while memory stays
 * bounded (one piece buffer per thread), so a 100 GiB image needs no more memory than a 1 MiB one.
 *
 * <pre>{@code
 * CreatedTorrent torrent = TorrentCreator.of(Path.of("ubuntu.iso"))
 *     .announce("http://tracker.example/announce")
 *     .create();
 * }</pre>
 */
public final class TorrentCreator {
  /** What {@link #create()} made: the {@code .torrent} bytes and their parsed form. */
  public record CreatedTorrent(byte[] bytes, Metainfo metainfo) {
    public CreatedTorrent {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8);

  private final Path source;
  private final List<List<String>> trackerTiers = new ArrayList<>();
  private boolean privateTorrent;
  private long pieceLength;
  private Optional<String> comment = Optional.empty();
  private String createdBy = "mcbt";
  private Instant creationDate = Instant.now();
  private int threads = Runtime.getRuntime().availableProcessors();
  private LongConsumer progress = bytes -> {};

  private TorrentCreator(Path source) {
    this.source = Objects.requireNonNull(source);
  }

  public static TorrentCreator of(Path source) {
    return new TorrentCreator(source);
  }

  /** Adds each URL as its own tier, in order (BEP 12). */
  public TorrentCreator announce(String... urls) {
    for (String url : urls) {
      trackerTiers.add(List.of(url));
    }
    return this;
  }

  public TorrentCreator privateTorrent(boolean value) {
    this.privateTorrent = value;
    return this;
  }

  /** A power of two between 16 KiB and 16 MiB; without it, {@link PieceLengths} chooses. */
  public TorrentCreator pieceLength(long bytes) {
    if (!PieceLengths.isValid(bytes)) {
      throw new IllegalArgumentException("piece length must be a power of two, 16 KiB to 16 MiB");
    }
    this.pieceLength = bytes;
    return this;
  }

  public TorrentCreator comment(String text) {
    this.comment = Optional.ofNullable(text).filter(s -> !s.isBlank());
    return this;
  }

  public TorrentCreator createdBy(String program) {
    this.createdBy = Objects.requireNonNull(program);
    return this;
  }

  public TorrentCreator creationDate(Instant when) {
    this.creationDate = Objects.requireNonNull(when);
    return this;
  }

  public TorrentCreator threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one hashing thread");
    }
    this.threads = count;
    return this;
  }

  /** Receives the number of bytes hashed so far, from the hashing threads. */
  public TorrentCreator onProgress(LongConsumer hashedBytes) {
    this.progress = Objects.requireNonNull(hashedBytes);
    return this;
  }

  /** The total size of what {@link #create()} will hash. */
  public long totalLength() throws IOException {
    return SourceFile.scan(source).stream().mapToLong(SourceFile::length).sum();
  }

  public CreatedTorrent create() throws IOException {
    List<SourceFile> files = SourceFile.scan(source);
    long total = files.stream().mapToLong(SourceFile::length).sum();
    if (total == 0) {
      throw new IOException(source + " holds no data: a torrent must have at least one byte");
    }
    long chosenPieceLength = pieceLength > 0 ? pieceLength : PieceLengths.forTotalLength(total);
    byte[] pieces = new PieceHasher(files, chosenPieceLength, threads, progress).hash();
    byte[] torrent = BENCODE.encode(root(info(files, chosenPieceLength, pieces)));
    try {
      return new CreatedTorrent(torrent, MetainfoParser.parse(torrent));
    } catch (MalformedTorrentException e) {
      throw new IOException("cannot make a valid torrent of " + source + ": " + e.getMessage(), e);
    }
  }

  private Map<String, Object> info(List<SourceFile> files, long chosenPieceLength, byte[] pieces) {
    Map<String, Object> info = new TreeMap<>();
    Path fileName = source.toAbsolutePath().normalize().getFileName();
    info.put("name", fileName == null ? "data" : fileName.toString());
    info.put("piece length", chosenPieceLength);
    info.put("pieces", ByteBuffer.wrap(pieces));
    if (files.size() == 1 && files.get(0).location().equals(source)) {
      info.put("length", files.get(0).length());
    } else {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (SourceFile file : files) {
        Map<String, Object> entry = new TreeMap<>();
        entry.put("length", file.length());
        entry.put("path", file.torrentPath());
        entries.add(entry);
      }
      info.put("files", entries);
    }
    if (privateTorrent) {
      info.put("private", 1L);
    }
    return info;
  }

  private Map<String, Object> root(Map<String, Object> info) {
    Map<String, Object> root = new TreeMap<>();
    if (!trackerTiers.isEmpty()) {
      root.put("announce", trackerTiers.get(0).get(0));
      if (trackerTiers.size() > 1) {
        root.put("announce-list", trackerTiers);
      }
    }
    comment.ifPresent(text -> root.put("comment", text));
    root.put("created by", createdBy);
    root.put("creation date", creationDate.getEpochSecond());
    root.put("info", info);
    return root;
  }
}
