package io.mcbt.peer.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.testing.FakeIndexServer;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexClientTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path folder;
  private FakeIndexServer server;
  private IndexClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeIndexServer.start();
    client = new IndexClient(URI.create(server.url()), "test");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void searchesWithAnEncodedQueryAndReadsThePage() throws Exception {
    server.answer(
        "GET",
        "/api/torrents",
        Answer.json(
            200,
            TestTorrents.searchJson(
                45, 1, 20, List.<String[]>of(new String[] {HEX, "Ubuntu 24.04.iso"}))));

    SearchPage page = client.search("ubuntu 24.04&x", 1, 20);

    assertEquals(45, page.total());
    assertEquals(1, page.page());
    assertEquals(3, page.pageCount());
    TorrentSummary item = page.items().get(0);
    assertEquals(HEX, item.infoHash());
    assertEquals("Ubuntu 24.04.iso", item.name());
    assertEquals(1536, item.totalSize());
    assertEquals(1, item.fileCount());
    assertFalse(item.privateTorrent());
    assertEquals("2025-01-02T03:04:05.678Z", item.addedAt());
    FakeIndexServer.Request request = server.requests().get(0);
    assertEquals("q=ubuntu%2024.04%26x&page=1&size=20", request.rawQuery());
    assertEquals("application/json", request.header("Accept"));
  }

  @Test
  void givesTheSearchJsonAsTheServerSentIt() throws Exception {
    String json = TestTorrents.searchJson(0, 0, 5, List.of());
    server.answer("GET", "/api/torrents", Answer.json(200, json));
    assertEquals(json, client.searchJson("", 0, 5));
  }

  @Test
  void readsMetadata() throws Exception {
    Metainfo metainfo = TestTorrents.create(folder, "data.bin", 70_000).metainfo();
    String path = "/api/torrents/" + metainfo.infoHash().hex();
    server.answer("GET", path, Answer.json(200, TestTorrents.detailsJson(metainfo, server.url())));

    TorrentDetails details = client.metadata(metainfo.infoHash());

    assertEquals(metainfo.infoHash().hex(), details.infoHash());
    assertEquals("data.bin", details.name());
    assertEquals(70_000, details.totalSize());
    assertEquals(metainfo.info().pieceLength(), details.pieceLength());
    assertEquals(metainfo.info().pieceCount(), details.pieceCount());
    assertEquals(1, details.fileCount());
    assertEquals(List.of(new TorrentDetails.FileDetails("data.bin", 70_000)), details.files());
    assertEquals(List.of(List.of("http://tracker.test/announce")), details.trackers());
    assertTrue(details.magnet().startsWith("magnet:?xt=urn:btih:" + metainfo.infoHash().hex()));
    assertEquals(server.url() + path + ".torrent", details.torrentUrl());
    assertEquals(server.url() + path, client.metadataUrl(metainfo.infoHash()));
  }

  @Test
  void downloadsTheExactBytes() throws Exception {
    byte[] bytes = {'d', 'e', 0, (byte) 0xff};
    server.answer("GET", "/api/torrents/" + HEX + ".torrent", Answer.torrent(bytes));
    assertArrayEquals(bytes, client.torrentFile(InfoHash.fromHex(HEX)));
  }

  @Test
  void publishesTheBytesAsABittorrentBody() throws Exception {
    CreatedTorrent torrent = TestTorrents.create(folder, "new.bin", 1000);
    String details = TestTorrents.detailsJson(torrent.metainfo(), server.url());
    server.answer("POST", "/api/torrents", Answer.json(201, details));

    Publication publication = client.publish(torrent.bytes());

    assertTrue(publication.created());
    assertEquals(torrent.metainfo().infoHash().hex(), publication.torrent().infoHash());
    FakeIndexServer.Request request = server.requests().get(0);
    assertEquals("application/x-bittorrent", request.header("Content-Type"));
    assertArrayEquals(torrent.bytes(), request.body());
  }

  @Test
  void tellsAnAlreadyPublishedTorrentApart() throws Exception {
    CreatedTorrent torrent = TestTorrents.create(folder, "old.bin", 1000);
    String details = TestTorrents.detailsJson(torrent.metainfo(), server.url());
    server.answer("POST", "/api/torrents", Answer.json(200, details));
    assertFalse(client.publish(torrent.bytes()).created());
  }

  @Test
  void carriesTheReasonOfAJsonError() {
    server.answer(
        "POST", "/api/torrents", Answer.error(400, "malformed torrent: missing key info"));

    IndexException error =
        assertThrows(IndexException.class, () -> client.publish(new byte[] {'x'}));

    assertEquals(400, error.status());
    assertEquals("malformed torrent: missing key info", error.reason());
    assertEquals("malformed torrent: missing key info (HTTP 400)", error.getMessage());
  }

  @Test
  void unknownPathsAnswerWithTheirReason() {
    IndexException error =
        assertThrows(IndexException.class, () -> client.metadata(InfoHash.fromHex(HEX)));
    assertEquals(404, error.status());
    assertEquals("no such resource", error.reason());
  }

  @Test
  void usesShortPlainTextWhenThereIsNoJson() {
    server.answer(
        "GET",
        "/api/torrents",
        new Answer(
            503,
            "text/plain; charset=utf-8",
            "down for maintenance\n".getBytes(StandardCharsets.UTF_8)));
    IndexException error = assertThrows(IndexException.class, () -> client.search("", 0, 1));
    assertEquals("down for maintenance", error.reason());
  }

  @Test
  void saysSoWhenAnErrorHasNoReason() {
    server.answer(
        "GET",
        "/api/torrents",
        new Answer(
            502,
            "text/html",
            "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8)));
    IndexException error = assertThrows(IndexException.class, () -> client.search("", 0, 1));
    assertEquals(502, error.status());
    assertEquals("the server answered HTTP 502 without a reason", error.reason());
  }

  @Test
  void refusesASuccessThatIsNotTheExpectedJson() {
    server.answer(
        "GET",
        "/api/torrents",
        new Answer(200, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8)));
    IndexException error = assertThrows(IndexException.class, () -> client.search("", 0, 1));
    assertTrue(error.getMessage().contains("other than the expected JSON"), error.getMessage());
  }

  @Test
  void aRefusedConnectionIsAnIndexExceptionWithoutStatus() throws Exception {
    String url = "http://127.0.0.1:" + TestTorrents.closedPort();
    IndexClient nobody = new IndexClient(URI.create(url), "test");

    IndexException error = assertThrows(IndexException.class, () -> nobody.search("", 0, 1));

    assertEquals(IndexException.NO_ANSWER, error.status());
    assertEquals("cannot reach the index at " + url + ": connection refused", error.getMessage());
  }

  @Test
  void keepsThePathOfTheServerUrlAndDropsTrailingSlashes() throws Exception {
    server.answer(
        "GET", "/mcbt/api/torrents", Answer.json(200, TestTorrents.searchJson(0, 0, 1, List.of())));
    IndexClient prefixed = new IndexClient(URI.create(server.url() + "/mcbt/"), "test");

    prefixed.search("", 0, 1);

    assertEquals(server.url() + "/mcbt", prefixed.server());
    assertEquals(server.url() + "/mcbt/announce", prefixed.announceUrl());
    assertEquals("/mcbt/api/torrents", server.requests().get(0).path());
  }
}
