package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.peer.testing.FakeIndexServer.Answer;
import io.mcbt.peer.testing.TestTorrents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `search`: the index searched, results printed. */
class SearchCommandTest extends IndexCommandTest {
  @Test
  void printsATableAndThePage() {
    server.answer(
        "GET",
        "/api/torrents",
        Answer.json(
            200,
            TestTorrents.searchJson(
                45,
                1,
                20,
                List.of(new String[] {HEX, "Ubuntu 24.04"}, new String[] {OTHER_HEX, "ubu"}))));

    Run run = run("search", "ubuntu", "24", "--page", "2", "--server", server.url());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("q=ubuntu%2024&page=1&size=20", server.requests().get(0).rawQuery());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("INFO-HASH"), run.out());
    assertTrue(lines.get(1).startsWith(HEX + "    1.5 KiB      1  "), run.out());
    assertTrue(lines.get(1).endsWith("  Ubuntu 24.04"), run.out());
    assertEquals("page 2 of 3 (45 torrents)", lines.get(3));
  }

  @Test
  void printsTheServersJson() {
    String json = TestTorrents.searchJson(0, 0, 5, List.of());
    server.answer("GET", "/api/torrents", Answer.json(200, json));

    Run run = run("search", "--json", "--size", "5", "--server", server.url());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(json, run.out().strip());
  }

  @Test
  void saysWhenNothingMatches() {
    answerSearch(0, List.of());
    Run run = run("search", "nothing", "--server", server.url());
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("no torrent matches \"nothing\"", run.out().strip());
  }

  @Test
  void aPageSizeOutOfRangeIsAUsageErrorAndAsksNothing() {
    Run run = run("search", "x", "--size", "101", "--server", server.url());
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("--size must be between 1 and 100"), run.err());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void aServerErrorIsAFailureWithItsReason() {
    server.answer("GET", "/api/torrents", Answer.error(500, "internal error, incident 42"));

    Run run = run("search", "x", "--server", server.url());

    assertEquals(ExitCodes.FAILURE, run.exitCode());
    assertTrue(run.err().contains("internal error, incident 42 (HTTP 500)"), run.err());
    run.assertNoStackTrace();
  }

  @Test
  void aServerThatIsDownIsAFailure() throws Exception {
    String url = "http://127.0.0.1:" + TestTorrents.closedPort();

    Run run = run("search", "x", "--server", url);

    assertEquals(ExitCodes.FAILURE, run.exitCode());
    assertEquals(
        "error: cannot reach the index at " + url + ": connection refused", run.err().strip());
  }

  @Test
  void verboseShowsTheStackTrace() throws Exception {
    String url = "http://127.0.0.1:" + TestTorrents.closedPort();

    Run run = run("search", "x", "--server", url, "--verbose");

    assertEquals(ExitCodes.FAILURE, run.exitCode());
    assertTrue(run.err().contains("\tat io.mcbt.peer.index.IndexClient"), run.err());
  }
}
