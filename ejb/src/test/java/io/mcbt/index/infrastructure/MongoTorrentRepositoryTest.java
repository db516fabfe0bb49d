package io.mcbt.index.infrastructure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.SearchQuery;
import io.mcbt.index.domain.TorrentSummary;
import io.mcbt.metainfo.FileEntry;
import io.mcbt.metainfo.InfoHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The repository against a real MongoDB wire protocol server (the embedded store, in memory). */
class MongoTorrentRepositoryTest {
  private final Random random = new Random(7);
  private MongoServer server;
  private MongoClient client;
  private MongoTorrentRepository repository;

  @BeforeEach
  void start() {
    server = new MongoServer(H2Backend.inMemory());
    client = MongoClients.create(server.bindAndGetConnectionString());
    repository = new MongoTorrentRepository();
    repository.database = client.getDatabase("test");
    repository.open();
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void keepsTheTorrentAndItsExactBytes() {
    PublishedTorrent torrent =
        torrent("Fedora-Workstation-41.iso", Instant.parse("2026-01-02T03:04:05.678Z"));
    byte[] bytes = randomBytes(5000);

    assertTrue(repository.add(torrent, bytes));

    assertEquals(Optional.of(torrent), repository.find(torrent.infoHash()));
    assertArrayEquals(bytes, repository.torrentFile(torrent.infoHash()).orElseThrow());
  }

  @Test
  void aSecondAddOfTheSameInfoHashChangesNothing() {
    PublishedTorrent torrent = torrent("a.iso", Instant.parse("2026-01-01T00:00:00Z"));
    byte[] original = randomBytes(100);
    repository.add(torrent, original);

    PublishedTorrent again =
        new PublishedTorrent(
            torrent.infoHash(),
            "renamed",
            1,
            1,
            1,
            torrent.files(),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.now());

    assertFalse(repository.add(again, randomBytes(100)));
    assertEquals("a.iso", repository.find(torrent.infoHash()).orElseThrow().name());
    assertArrayEquals(original, repository.torrentFile(torrent.infoHash()).orElseThrow());
  }

  @Test
  void unknownTorrentsAreEmpty() {
    InfoHash unknown = InfoHash.fromHex("00".repeat(20));

    assertEquals(Optional.empty(), repository.find(unknown));
    assertEquals(Optional.empty(), repository.torrentFile(unknown));
  }

  @Test
  void searchMatchesWordPrefixesNewestFirst() {
    PublishedTorrent old = add("Ubuntu-22.04-desktop.iso", "2025-04-01T00:00:00Z");
    PublishedTorrent recent = add("ubuntu-24.04-server.iso", "2026-04-01T00:00:00Z");
    add("debian-12.iso", "2026-05-01T00:00:00Z");

    assertEquals(List.of(recent.infoHash(), old.infoHash()), hashes(search("UBU", 0, 10)));
    assertEquals(List.of(recent.infoHash()), hashes(search("ubuntu 24 serv", 0, 10)));
    assertEquals(List.of(), hashes(search("buntu", 0, 10)));
    assertEquals(3, search("", 0, 10).total());
  }

  @Test
  void searchIgnoresPunctuationSoRegexCharactersNeverReachTheStore() {
    add("c++ primer.pdf", "2026-01-01T00:00:00Z");
    add("cobol.pdf", "2026-01-02T00:00:00Z");

    assertEquals(2, search("C++", 0, 10).total());
    assertEquals(1, search("c++ prim", 0, 10).total());
    assertEquals(0, search("[a-z]+ x", 0, 10).total());
  }

  @Test
  void searchPagesKeepTheTotal() {
    for (int day = 1; day <= 5; day++) {
      add("build-" + day, "2026-03-0" + day + "T00:00:00Z");
    }

    SearchPage second = search("build", 1, 2);

    assertEquals(5, second.total());
    assertEquals(
        List.of("build-3", "build-2"), second.items().stream().map(TorrentSummary::name).toList());
    assertEquals(1, search("build", 2, 2).items().size());
  }

  private PublishedTorrent add(String name, String addedAt) {
    PublishedTorrent torrent = torrent(name, Instant.parse(addedAt));
    repository.add(torrent, randomBytes(64));
    return torrent;
  }

  private SearchPage search(String text, int page, int size) {
    return repository.search(SearchQuery.of(text, page, size));
  }

  private static List<InfoHash> hashes(SearchPage page) {
    return page.items().stream().map(TorrentSummary::infoHash).toList();
  }

  private PublishedTorrent torrent(String name, Instant addedAt) {
    return new PublishedTorrent(
        new InfoHash(randomBytes(20)),
        name,
        3 << 20,
        1 << 20,
        3,
        List.of(new FileEntry(List.of("dir", name), 1 << 20), new FileEntry(List.of("b"), 2 << 20)),
        List.of(List.of("http://a/announce", "http://b/announce"), List.of("udp://c:6969")),
        true,
        Optional.of("a comment"),
        Optional.of("mcbt"),
        Optional.of(Instant.parse("2025-12-31T23:59:59Z")),
        addedAt);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
