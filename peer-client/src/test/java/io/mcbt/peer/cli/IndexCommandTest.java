package io.mcbt.peer.cli;

import io.mcbt.metainfo.TorrentCreator.CreatedTorrent;
import io.mcbt.peer.testing.FakeIndexServer;
import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The index commands' tests: a fake index server, and a folder to work in. */
abstract class IndexCommandTest {
  static final String HEX = "0123456789abcdef0123456789abcdef01234567";
  static final String OTHER_HEX = "fedcba9876543210fedcba9876543210fedcba98";

  @TempDir Path folder;
  FakeIndexServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeIndexServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Run run(String... args) {
    return Run.of(args);
  }

  void answerTorrent(CreatedTorrent torrent) {
    String hex = torrent.metainfo().infoHash().hex();
    server.answer("GET", "/api/torrents/" + hex + ".torrent", Answer.torrent(torrent.bytes()));
  }

  void answerSearch(long total, List<String[]> items) {
    server.answer(
        "GET", "/api/torrents", Answer.json(200, TestTorrents.searchJson(total, 0, 20, items)));
  }
}
