package io.mcbt.index.infrastructure;

import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.index.domain.SearchQuery;
import io.mcbt.index.domain.TorrentSummary;
import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.InfoHash;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Maps torrents to and from their MongoDB documents in the {@code torrents} collection. */
final class TorrentDocuments {
  static final String ID = "_id";
  static final String NAME = "name";
  static final String KEYWORDS = "keywords";
  static final String TOTAL_SIZE = "totalSize";
  static final String PIECE_LENGTH = "pieceLength";
  static final String PIECE_COUNT = "pieceCount";
  static final String FILE_COUNT = "fileCount";
  static final String FILES = "files";
  static final String TRACKERS = "trackers";
  static final String PRIVATE = "private";
  static final String COMMENT = "comment";
  static final String CREATED_BY = "createdBy";
  static final String CREATION_DATE = "creationDate";
  static final String ADDED_AT = "addedAt";
  static final String TORRENT_FILE_ID = "torrentFileId";

  private TorrentDocuments() {}

  static Document toDocument(PublishedTorrent torrent, String torrentFileId) {
    Document document =
        new Document(ID, torrent.infoHash().hex())
            .append(NAME, torrent.name())
            .append(KEYWORDS, SearchQuery.words(torrent.name()))
            .append(TOTAL_SIZE, torrent.totalSize())
            .append(PIECE_LENGTH, torrent.pieceLength())
            .append(PIECE_COUNT, torrent.pieceCount())
            .append(FILE_COUNT, torrent.files().size())
            .append(FILES, torrent.files().stream().map(TorrentDocuments::fileDocument).toList())
            .append(TRACKERS, torrent.trackerTiers())
            .append(PRIVATE, torrent.privateTorrent())
            .append(ADDED_AT, Date.from(torrent.addedAt()))
            .append(TORRENT_FILE_ID, torrentFileId);
    torrent.comment().ifPresent(comment -> document.append(COMMENT, comment));
    torrent.createdBy().ifPresent(program -> document.append(CREATED_BY, program));
    torrent.creationDate().ifPresent(date -> document.append(CREATION_DATE, Date.from(date)));
    return document;
  }

  static PublishedTorrent toTorrent(Document document) {
    return new PublishedTorrent(
        InfoHash.fromHex(document.getString(ID)),
        document.getString(NAME),
        document.get(TOTAL_SIZE, Number.class).longValue(),
        document.get(PIECE_LENGTH, Number.class).longValue(),
        document.get(PIECE_COUNT, Number.class).intValue(),
        document.getList(FILES, Document.class).stream().map(TorrentDocuments::toFile).toList(),
        trackers(document),
        document.getBoolean(PRIVATE, false),
        Optional.ofNullable(document.getString(COMMENT)),
        Optional.ofNullable(document.getString(CREATED_BY)),
        Optional.ofNullable(document.getDate(CREATION_DATE)).map(Date::toInstant),
        document.getDate(ADDED_AT).toInstant());
  }

  static TorrentSummary toSummary(Document document) {
    return new TorrentSummary(
        InfoHash.fromHex(document.getString(ID)),
        document.getString(NAME),
        document.get(TOTAL_SIZE, Number.class).longValue(),
        document.get(FILE_COUNT, Number.class).intValue(),
        document.getBoolean(PRIVATE, false),
        document.getDate(ADDED_AT).toInstant());
  }

  private static Document fileDocument(FileEntry file) {
    return new Document("path", file.path()).append("length", file.length());
  }

  private static FileEntry toFile(Document document) {
    return new FileEntry(
        document.getList("path", String.class), document.get("length", Number.class).longValue());
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> trackers(Document document) {
    List<?> tiers = document.get(TRACKERS, List.class);
    return tiers == null
        ? List.of()
        : tiers.stream().map(tier -> List.copyOf((List<String>) tier)).toList();
  }
}
