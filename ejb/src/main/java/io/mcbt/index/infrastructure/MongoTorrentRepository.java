package io.mcbt.index.infrastructure;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.SearchQuery;
import io.mcbt.index.domain.TorrentRepository;
import io.mcbt.index.domain.TorrentSummary;
import io.mcbt.metainfo.InfoHash;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Torrents in MongoDB. Metadata lives in {@code torrents} (one document per info-hash, which is its
 * {@code _id}, so the info-hash is unique); the original bytes live in {@code torrent_files} under
 * the SHA-256 of those bytes, because bytes and metadata together could pass MongoDB's 16 MiB
 * document limit. The bytes are written first and the metadata document, which names them, is the
 * commit point: a crash between the two leaves an unreferenced file, never a torrent without bytes.
 */
@ApplicationScoped
public class MongoTorrentRepository implements TorrentRepository {
  static final String TORRENTS = "torrents";
  static final String TORRENT_FILES = "torrent_files";
  private static final Logger LOG = Logger.getLogger(MongoTorrentRepository.class.getName());

  @Inject MongoDatabase database;

  private MongoCollection<Document> torrents;
  private MongoCollection<Document> torrentFiles;

  private final AtomicBoolean indexesReady = new AtomicBoolean();

  @PostConstruct
  void open() {
    torrents = database.getCollection(TORRENTS);
    torrentFiles = database.getCollection(TORRENT_FILES);
  }

  /**
   * Creates the indexes when the application starts. A store that does not answer yet must not stop
   * the server from starting: the indexes are then made on the first write.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    try {
      ensureIndexes();
    } catch (MongoException e) {
      LOG.warning("Store not reachable at start (" + e.getMessage() + "); will retry on use");
    }
  }

  private void ensureIndexes() {
    if (indexesReady.get()) {
      return;
    }
    torrents.createIndex(Indexes.ascending(TorrentDocuments.KEYWORDS));
    torrents.createIndex(
        Indexes.descending(TorrentDocuments.ADDED_AT), new IndexOptions().name("newest_first"));
    indexesReady.set(true);
  }

  @Override
  public boolean add(PublishedTorrent torrent, byte[] torrentFile) {
    ensureIndexes();
    if (torrents.find(eq(TorrentDocuments.ID, torrent.infoHash().hex())).first() != null) {
      return false;
    }
    String fileId = sha256(torrentFile);
    torrentFiles.replaceOne(
        eq("_id", fileId),
        new Document("_id", fileId).append("bytes", new Binary(torrentFile)),
        new ReplaceOptions().upsert(true));
    try {
      torrents.insertOne(TorrentDocuments.toDocument(torrent, fileId));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<PublishedTorrent> find(InfoHash infoHash) {
    return Optional.ofNullable(
            torrents
                .find(eq(TorrentDocuments.ID, infoHash.hex()))
                .projection(exclude(TorrentDocuments.KEYWORDS))
                .first())
        .map(TorrentDocuments::toTorrent);
  }

  @Override
  public Optional<byte[]> torrentFile(InfoHash infoHash) {
    Document torrent = torrents.find(eq(TorrentDocuments.ID, infoHash.hex())).first();
    if (torrent == null) {
      return Optional.empty();
    }
    Document file =
        torrentFiles.find(eq("_id", torrent.getString(TorrentDocuments.TORRENT_FILE_ID))).first();
    return Optional.ofNullable(file).map(document -> document.get("bytes", Binary.class).getData());
  }

  @Override
  public SearchPage search(SearchQuery query) {
    Bson filter = filter(query.words());
    List<TorrentSummary> items =
        torrents
            .find(filter)
            .projection(
                exclude(
                    TorrentDocuments.FILES, TorrentDocuments.TRACKERS, TorrentDocuments.KEYWORDS))
            .sort(orderBy(descending(TorrentDocuments.ADDED_AT), descending(TorrentDocuments.ID)))
            .skip((int) Math.min(query.offset(), Integer.MAX_VALUE))
            .limit(query.size())
            .map(TorrentDocuments::toSummary)
            .into(new ArrayList<>());
    long total = torrents.countDocuments(filter);
    return new SearchPage(items, total, query.page(), query.size());
  }

  /** Every query word must begin one of the name's words. */
  private static Bson filter(List<String> words) {
    if (words.isEmpty()) {
      return new Document();
    }
    return and(
        words.stream()
            .map(word -> regex(TorrentDocuments.KEYWORDS, "^" + Pattern.quote(word)))
            .toList());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
