package io.mcbt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mcbt.metainfo.InfoHash;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Torrents this test machine has announced: the tracker takes a WebSocket hello only for torrents
 * announced from the hello's address. Simulated peers all connect from loopback, so one announce
 * covers them all.
 */
final class AnnouncedTorrents {
  private AnnouncedTorrents() {}

  /** A new torrent, registered with the tracker and announced once from here. */
  static InfoHash announcedFromHere(URL deployment) {
    InfoHash torrent = registered(deployment);
    announce(new Api(deployment), torrent);
    return torrent;
  }

  /** A new torrent the tracker tracks, not announced yet. */
  static InfoHash registered(URL deployment) {
    byte[] bytes = new byte[20];
    new Random().nextBytes(bytes);
    InfoHash torrent = new InfoHash(bytes);
    Api api = new Api(deployment);
    HttpResponse<byte[]> registered =
        api.post(
            "tracker/registrations",
            "application/json",
            ("{\"infoHash\":\"" + torrent.hex() + "\"}").getBytes(StandardCharsets.UTF_8));
    assertEquals(200, registered.statusCode(), new String(registered.body()));
    return torrent;
  }

  static void announce(Api api, InfoHash torrent) {
    byte[] reply =
        api.getFromRoot(
                TrackerRequests.announceQuery(torrent.bytes(), "-IT0001-announced000", 6881, 1, ""))
            .body();
    assertFalse(
        TrackerRequests.decode(reply).containsKey("failure reason"),
        new String(reply, StandardCharsets.ISO_8859_1));
  }
}
