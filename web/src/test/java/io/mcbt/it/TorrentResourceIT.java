package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index's REST API on Payara Micro, as a client sees it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TorrentResourceIT {
  private static final String BITTORRENT = "application/x-bittorrent";

  @ArquillianResource URL deployment;
  private Api api;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @BeforeEach
  void client() {
    api = new Api(deployment);
  }

  @Test
  void publishAnswersCreatedWithLocationAndMetadata() throws Exception {
    CreatedTorrent torrent = TestTorrents.named("ubuntu-" + TestTorrents.uniqueWord() + ".iso");
    String hash = torrent.metainfo().infoHash().hex();

    HttpResponse<byte[]> response = api.post("torrents", BITTORRENT, torrent.bytes());

    assertEquals(201, response.statusCode());
    assertEquals(
        api.uri("torrents/" + hash).toString(), response.headers().firstValue("Location").get());
    JsonNode body = Api.json(response);
    assertEquals(hash, body.get("infoHash").asText());
    assertEquals(torrent.metainfo().info().name(), body.get("name").asText());
    assertEquals(torrent.metainfo().info().totalLength(), body.get("totalSize").asLong());
    assertEquals(torrent.metainfo().info().pieceCount(), body.get("pieceCount").asInt());
    assertEquals("http://127.0.0.1:17180/announce", body.get("trackers").get(0).get(0).asText());
    assertTrue(body.get("magnet").asText().startsWith("magnet:?xt=urn:btih:" + hash));
  }

  @Test
  void publishingTheSameTorrentAgainChangesNothing() {
    CreatedTorrent torrent = TestTorrents.named(TestTorrents.uniqueWord() + ".bin");
    HttpResponse<byte[]> first = api.post("torrents", BITTORRENT, torrent.bytes());

    HttpResponse<byte[]> second = api.post("torrents", BITTORRENT, torrent.bytes());

    assertEquals(201, first.statusCode());
    assertEquals(200, second.statusCode());
    assertEquals(first.headers().firstValue("Location"), second.headers().firstValue("Location"));
    assertEquals(Api.json(first).get("addedAt").asText(), Api.json(second).get("addedAt").asText());
  }

  @Test
  void publishAcceptsABrowserForm() {
    CreatedTorrent torrent = TestTorrents.named(TestTorrents.uniqueWord() + ".img");
    String boundary = "mcbt" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"torrent\"; filename=\"x.torrent\""
                + "\r\nContent-Type: application/x-bittorrent\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    HttpResponse<byte[]> response =
        api.post(
            "torrents",
            "multipart/form-data; boundary=" + boundary,
            concat(head, torrent.bytes(), tail));

    assertEquals(201, response.statusCode(), new String(response.body()));
    assertEquals(torrent.metainfo().infoHash().hex(), Api.json(response).get("infoHash").asText());
  }

  @Test
  void downloadGivesTheExactBytesPublished() throws Exception {
    CreatedTorrent torrent = TestTorrents.named("report " + TestTorrents.uniqueWord() + ".pdf");
    String hash = torrent.metainfo().infoHash().hex();
    api.post("torrents", BITTORRENT, torrent.bytes());

    HttpResponse<byte[]> response = api.get("torrents/" + hash + ".torrent");

    assertEquals(200, response.statusCode());
    assertEquals(BITTORRENT, response.headers().firstValue("Content-Type").get());
    assertArrayEquals(torrent.bytes(), response.body());
    assertEquals(torrent.metainfo().infoHash(), MetainfoParser.parse(response.body()).infoHash());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Disposition")
            .get()
            .startsWith("attachment; filename=\"report "));
  }

  @Test
  void metadataDescribesTheTorrent() {
    CreatedTorrent torrent = TestTorrents.named(TestTorrents.uniqueWord() + ".tar");
    String hash = torrent.metainfo().infoHash().hex();
    api.post("torrents", BITTORRENT, torrent.bytes());

    HttpResponse<byte[]> response = api.get("torrents/" + hash.toUpperCase());

    assertEquals(200, response.statusCode());
    JsonNode body = Api.json(response);
    assertEquals(torrent.metainfo().info().pieceLength(), body.get("pieceLength").asLong());
    assertEquals(1, body.get("files").size());
    assertEquals(torrent.metainfo().info().name(), body.get("files").get(0).get("path").asText());
    assertEquals(
        api.uri("torrents/" + hash + ".torrent").toString(), body.get("torrentUrl").asText());
  }

  @Test
  void searchFindsNameWordsIgnoringCaseNewestFirstAndPages() {
    String word = TestTorrents.uniqueWord();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CreatedTorrent torrent = TestTorrents.named("Debian-" + word + "-part" + i + ".iso");
      assertEquals(201, api.post("torrents", BITTORRENT, torrent.bytes()).statusCode());
      hashes.add(0, torrent.metainfo().infoHash().hex());
    }
    api.post(
        "torrents", BITTORRENT, TestTorrents.named("other-" + TestTorrents.uniqueWord()).bytes());

    JsonNode all = Api.json(api.get("torrents?q=debian+" + word.toUpperCase()));
    JsonNode prefix = Api.json(api.get("torrents?q=" + word.substring(0, 8) + "+PART2"));
    JsonNode secondPage = Api.json(api.get("torrents?q=" + word + "&page=1&size=2"));

    assertEquals(3, all.get("total").asLong());
    assertEquals(hashes, hashesOf(all));
    assertEquals(List.of(hashes.get(0)), hashesOf(prefix));
    assertEquals(3, secondPage.get("total").asLong());
    assertEquals(List.of(hashes.get(2)), hashesOf(secondPage));
  }

  @Test
  void malformedTorrentIsRefusedWithTheReason() {
    HttpResponse<byte[]> response =
        api.post("torrents", BITTORRENT, "d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII));

    assertError(response, 400, "malformed torrent: missing key info.piece length");
  }

  @Test
  void bodyOverTheLimitIsRefused() {
    int limit = 10 * 1024 * 1024;

    assertError(api.post("torrents", BITTORRENT, new byte[limit + 1]), 413, "at most " + limit);
    assertError(api.post("torrents", BITTORRENT, new byte[limit]), 400, "malformed torrent");
  }

  @Test
  void otherContentTypesAreRefused() {
    assertError(api.post("torrents", "text/plain", new byte[] {'d', 'e'}), 415, "content type");
  }

  @Test
  void unknownOrMalformedInfoHashesAreNotFound() {
    assertError(api.get("torrents/" + "ab".repeat(20)), 404, "no torrent with info-hash");
    assertError(api.get("torrents/" + "ab".repeat(20) + ".torrent"), 404, "no torrent");
    assertError(api.get("torrents/xyz"), 404, "not an info-hash");
    assertError(api.get("torrents/xyz.torrent"), 404, "not an info-hash");
  }

  @Test
  void badPagingIsABadRequest() {
    assertError(api.get("torrents?page=first"), 400, "page must be a whole number");
    assertError(api.get("torrents?page=-1"), 400, "page must be 0 or more");
    assertError(api.get("torrents?size=0"), 400, "size must be between 1 and 100");
    assertError(api.get("torrents?size=101"), 400, "size must be between 1 and 100");
    assertError(api.get("torrents?q=" + "a".repeat(201)), 400, "at most 200 characters");
  }

  @Test
  void unknownPathsAndMethodsAnswerJson() {
    assertError(api.get("nothing-here"), 404, "no such resource");
    assertError(api.send(HttpRequest.newBuilder(api.uri("torrents")).DELETE()), 405, "not allowed");
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String reasonPart) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertEquals(status, response.statusCode(), body);
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        body);
    JsonNode json = Api.json(response);
    assertEquals(status, json.get("status").asInt());
    assertTrue(json.get("reason").asText().contains(reasonPart), body);
  }

  private static List<String> hashesOf(JsonNode page) {
    List<String> hashes = new ArrayList<>();
    page.get("items").forEach(item -> hashes.add(item.get("infoHash").asText()));
    return hashes;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
