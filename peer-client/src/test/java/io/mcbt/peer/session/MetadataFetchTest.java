package io.mcbt.peer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MagnetLink;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.TorrentCreator;
import io.mcbt.peer.storage.FilePieceStore;
import io.mcbt.peer.storage.PieceTracker;
import io.mcbt.peer.storage.ResumeCheck;
import io.mcbt.peer.testing.FakeTracker;
import io.mcbt.peer.testing.TestTorrents;
import io.mcbt.peer.tracker.Announce;
import io.mcbt.peer.tracker.TrackerClient;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerId;
import io.mcbt.wire.ExtensionHandshake;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MetadataMessage;
import io.mcbt.wire.PeerMessage.Extended;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A magnet link's metadata from a seeding session found through a tracker, no index. */
class MetadataFetchTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path temp;

  @Test
  @Timeout(60)
  void fetchesTheInfoDictionaryFromASeedThroughTheTracker() throws Exception {
    // 1,100 pieces: 22,000 bytes of piece hashes, so the dictionary takes two metadata pieces.
    Path file = TestTorrents.randomFile(temp, "data.bin", 1100 * 16 * 1024);
    try (FakeTracker tracker = new FakeTracker()) {
      Metainfo metainfo =
          TorrentCreator.of(file)
              .pieceLength(16 * 1024)
              .announce(tracker.announceUrl().toString())
              .create()
              .metainfo();
      assertTrue(
          InfoDictionary.encode(metainfo.info(), metainfo.infoHash()).orElseThrow().length
              > MetadataMessage.PIECE_BYTES);
      TrackerClient client = new TrackerClient(Duration.ofSeconds(5), "test");
      try (FilePieceStore store = FilePieceStore.open(metainfo.info(), temp);
          TorrentSession seed =
              TorrentSession.start(
                  metainfo,
                  new PieceTracker(store, ResumeCheck.run(store, 2, bytes -> {}).pieces()),
                  client,
                  SessionConfig.of(LOOPBACK, 0),
                  line -> System.err.println("seed: " + line))) {
        MagnetLink magnet =
            new MagnetLink(
                metainfo.infoHash(), Optional.empty(), List.of(tracker.announceUrl().toString()));
        Metainfo fetched =
            MetadataFetch.fetch(
                magnet,
                client,
                SessionConfig.of(LOOPBACK, TestTorrents.closedPort()),
                Duration.ofSeconds(30),
                line -> System.err.println("fetch: " + line));
        assertEquals(metainfo.infoHash(), fetched.infoHash());
        assertEquals(metainfo.info(), fetched.info());
        assertEquals(List.of(tracker.announceUrl().toString()), fetched.trackers());
        assertTrue(seed.completion().isDone());
      }
      List<String> queries = tracker.queries();
      assertTrue(
          queries.stream().anyMatch(q -> q.contains("left=" + MetadataFetch.LEFT_UNKNOWN)),
          queries.toString());
      assertTrue(queries.stream().anyMatch(q -> q.contains("event=stopped")), queries.toString());
    }
  }

  @Test
  void aMagnetWithoutHttpTrackersCannotBeFetched() {
    MagnetLink magnet =
        MagnetLink.parse(
            "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&tr=udp://x:1/a");
    assertThrows(
        IOException.class,
        () ->
            MetadataFetch.fetch(
                magnet,
                new TrackerClient(Duration.ofSeconds(1), "test"),
                SessionConfig.of(LOOPBACK, 0),
                Duration.ofSeconds(1),
                line -> {}));
  }

  @Test
  @Timeout(30)
  void givesUpWhenNoPeerHasTheMetadata() throws Exception {
    try (FakeTracker tracker = new FakeTracker()) {
      MagnetLink magnet =
          new MagnetLink(
              InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567"),
              Optional.empty(),
              List.of(tracker.announceUrl().toString()));
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  MetadataFetch.fetch(
                      magnet,
                      new TrackerClient(Duration.ofSeconds(5), "test"),
                      SessionConfig.of(LOOPBACK, TestTorrents.closedPort()),
                      Duration.ofSeconds(2),
                      line -> {}));
      assertTrue(e.getMessage().contains("in time"), e.getMessage());
    }
  }

  /**
   * A liar states a small size first and sends garbage; an honest seed with the real size comes
   * later and waits. The garbage fails the hash check, the liar is dropped, and the seed's size and
   * pieces are used.
   */
  @Test
  @Timeout(60)
  void recoversFromAPeerThatLiesAboutTheMetadata() throws Exception {
    Path file = TestTorrents.randomFile(temp, "data.bin", 64 * 16 * 1024);
    try (FakeTracker tracker = new FakeTracker()) {
      Metainfo metainfo =
          TorrentCreator.of(file)
              .pieceLength(16 * 1024)
              .announce("http://127.0.0.1:9/announce") // the test announces the seed itself
              .create()
              .metainfo();
      TrackerClient client = new TrackerClient(Duration.ofSeconds(5), "test");
      MagnetLink magnet =
          new MagnetLink(
              metainfo.infoHash(), Optional.empty(), List.of(tracker.announceUrl().toString()));
      try (ScriptedPeer liar = new ScriptedPeer(metainfo.infoHash(), Handshake.EXTENSION_PROTOCOL);
          FilePieceStore store = FilePieceStore.open(metainfo.info(), temp);
          TorrentSession seed =
              TorrentSession.start(
                  metainfo,
                  new PieceTracker(store, ResumeCheck.run(store, 2, bytes -> {}).pieces()),
                  client,
                  SessionConfig.of(LOOPBACK, 0),
                  line -> {})) {
        announce(client, tracker, metainfo, liar.address().getPort(), 'l');
        CompletableFuture<Metainfo> fetched =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return MetadataFetch.fetch(
                        magnet,
                        client,
                        SessionConfig.of(LOOPBACK, TestTorrents.closedPort()),
                        Duration.ofSeconds(40),
                        line -> System.err.println("fetch: " + line));
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                });
        liar.await(Extended.class, m -> m.extendedId() == 0);
        liar.send(
            new Extended(
                0,
                new ExtensionHandshake(
                        Map.of(ExtensionHandshake.UT_METADATA, 3),
                        OptionalLong.of(100),
                        OptionalInt.empty(),
                        Optional.empty(),
                        OptionalInt.empty())
                    .encode()));
        liar.await(Extended.class, m -> m.extendedId() == 3);
        announce(client, tracker, metainfo, seed.port(), 's');
        for (int i = 0; i < 200 && seed.stats().peers() == 0; i++) {
          Thread.sleep(50); // the fetch finds the seed at its next announce
        }
        Thread.sleep(300); // and reads its extension handshake
        liar.send(
            new Extended(
                Extensions.UT_METADATA_ID, MetadataMessage.data(0, 100, new byte[100]).encode()));
        Metainfo result = fetched.get(30, TimeUnit.SECONDS);
        assertEquals(metainfo.info(), result.info());
        assertTrue(liar.awaitClosedByRemote(), "the liar is dropped");
      }
    }
  }

  private static void announce(
      TrackerClient client, FakeTracker tracker, Metainfo metainfo, int port, char id)
      throws Exception {
    byte[] peerId = new byte[20];
    Arrays.fill(peerId, (byte) id);
    client.announce(
        tracker.announceUrl(),
        new Announce(
            metainfo.infoHash(), new PeerId(peerId), port, 0, 0, 0, AnnounceEvent.STARTED));
  }
}
