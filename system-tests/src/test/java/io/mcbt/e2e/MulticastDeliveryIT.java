package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Real multicast between real hosts: the server, two seeders and eight leechers, each in its own
 * network namespace on one bridge. Every leecher must end with a sha256-identical 64 MiB file that
 * came through one multicast group: on a clean network, with 2 % receiver-side loss, with a leecher
 * that joins late, and with the sending seeder killed mid-transfer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class MulticastDeliveryIT {
  private static final int SERVER = 0;
  private static final int SEEDER = 1;
  private static final int SECOND_SEEDER = 2;
  private static final int FIRST_LEECHER = 3;
  private static final int LEECHERS = 8;
  private static final int MIB = 64;
  private static final Pattern GROUP =
      Pattern.compile("multicast group (\\d+): (\\S+ ?\\S*) after");

  private NetnsBed bed;
  private Path work;
  private String serverUrl;
  private String expectedSha256;

  @BeforeAll
  void startServerAndPublish() throws Exception {
    assumeTrue(NetnsBed.available(), "needs root, iproute2 and nftables");
    bed = NetnsBed.create(FIRST_LEECHER + LEECHERS);
    work = Files.createDirectories(Jars.workDir().resolve("multicast-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[MIB * 1024 * 1024];
    new Random(64).nextBytes(data);
    Files.write(source.resolve("image.bin"), data);
    expectedSha256 = Checksums.sha256(source.resolve("image.bin"));
    serverUrl = "http://" + bed.address(SERVER) + ":8080";
    bed.start(
        SERVER,
        Files.createDirectories(work.resolve("server")),
        work.resolve("server.log"),
        Map.of(
            "MCBT_TRACKER_UDP_PORT", "0",
            "MCBT_GROUPS_FORMATION_WINDOW_MS", "3000",
            // Eleven JVMs starting on two cores delay RTT probes by up to tens of ms, which the
            // default bands (1, 2, 4 ms...) would read as different networks; the bed is one LAN.
            "MCBT_GROUPS_RTT_BANDS_MS", "250",
            "MCBT_TRACKER_ANNOUNCE_RATE_PER_IP", "0",
            "MCBT_INDEX_UPLOAD_RATE_PER_MINUTE", "0"),
        List.of(ServerProcess.javaBinary(), "-jar", Jars.server().toString(), "--port", "8080"));
    awaitServer();
    String published =
        bed.exec(
            SEEDER,
            ServerProcess.javaBinary(),
            "-jar",
            Jars.peerClient().toString(),
            "publish",
            source.resolve("image.bin").toString(),
            "-o",
            work.resolve("image.torrent").toString(),
            "--server",
            serverUrl,
            "-q");
    assertTrue(published.contains("info-hash"), published);
  }

  @AfterAll
  void tearDown() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void eightLeechersGetTheFileThroughOneGroup() throws Exception {
    Path run = Files.createDirectories(work.resolve("clean"));
    try (Peers peers = new Peers(run)) {
      peers.seed(SEEDER, null);
      List<Process> gets = peers.getAll(0);
      String group = assertAllComplete(run, gets);
      assertTrue(peers.log(SEEDER).contains("sending to multicast group " + group));
    }
  }

  @Test
  void eightLeechersGetTheFileWithTwoPercentLoss() throws Exception {
    Path run = Files.createDirectories(work.resolve("lossy"));
    for (int i = 0; i < LEECHERS; i++) {
      bed.loseInbound(FIRST_LEECHER + i, 2, "40000-40999");
    }
    try (Peers peers = new Peers(run)) {
      peers.seed(SEEDER, null);
      assertAllComplete(run, peers.getAll(0));
    } finally {
      for (int i = 0; i < LEECHERS; i++) {
        bed.stopLosing(FIRST_LEECHER + i);
      }
    }
  }

  @Test
  void aLeecherThatJoinsLateGetsTheRest() throws Exception {
    Path run = Files.createDirectories(work.resolve("late"));
    try (Peers peers = new Peers(run)) {
      // A pass of 16 s: a JVM that starts on a loaded machine still joins while it runs.
      peers.seed(SEEDER, "4M");
      List<Process> gets = new ArrayList<>();
      for (int i = 0; i < LEECHERS - 1; i++) {
        gets.add(peers.get(i));
      }
      // The others' group is sending when the last one asks for a group.
      peers.awaitLog(SEEDER, "sending to multicast group", Duration.ofSeconds(90));
      Thread.sleep(1_000);
      gets.add(peers.get(LEECHERS - 1));
      String group = assertAllComplete(run, gets);
      // It took the rest of the first pass: the group completed once, with all eight.
      String sender = peers.log(SEEDER);
      assertTrue(sender.contains("multicast group " + group + ": 1 more members"), sender);
      assertTrue(sender.contains("multicast group " + group + ": complete, 8/8"), sender);
    }
  }

  @Test
  void whenTheSenderIsKilledAnotherHolderTakesOver() throws Exception {
    Path run = Files.createDirectories(work.resolve("takeover"));
    try (Peers peers = new Peers(run)) {
      Process first = peers.seed(SEEDER, "4M");
      List<Process> gets = peers.getAll(0);
      peers.awaitLog(SEEDER, "sending to multicast group", Duration.ofSeconds(90));
      // The second holder comes once the group is formed, so the group is the first one's.
      peers.seed(SECOND_SEEDER, "8M");
      peers.awaitLog(SECOND_SEEDER, "seeding", Duration.ofSeconds(60));
      Thread.sleep(2_000); // its hello reaches the tracker
      first.destroyForcibly().waitFor();
      String group = assertAllComplete(run, gets);
      assertTrue(
          peers.log(SECOND_SEEDER).contains("sending to multicast group " + group),
          peers.log(SECOND_SEEDER));
    }
  }

  /**
   * The seeder is not on the tracker's signalling channel (an ordinary BitTorrent seeder, say): the
   * first leecher relays, fetching the pieces over the peer wire and multicasting each to the
   * others' group once it has it.
   */
  @Test
  void withNoHolderOnTheChannelTheFirstLeecherRelays() throws Exception {
    Path run = Files.createDirectories(work.resolve("relay"));
    // A slow seeder (about 3 MiB/s): relaying is worth it, and the others join while it fetches.
    bed.limitOutbound(SEEDER, "24mbit");
    try (Peers peers = new Peers(run)) {
      peers.seed(SEEDER, null, "--no-multicast");
      peers.awaitLog(SEEDER, "seeding", Duration.ofSeconds(60));
      Thread.sleep(2_000); // its announce reaches the tracker
      List<Process> gets = new ArrayList<>();
      gets.add(peers.get(0));
      peers.awaitGetLog(0, "relaying", Duration.ofSeconds(90));
      for (int i = 1; i < LEECHERS; i++) {
        gets.add(peers.get(i));
      }
      for (Process get : gets) {
        assertTrue(get.waitFor(5, TimeUnit.MINUTES), "a get did not finish");
      }
      String relayLog = Files.readString(run.resolve("get0.log"));
      Set<String> groups = new java.util.HashSet<>();
      for (int i = 0; i < gets.size(); i++) {
        String log = Files.readString(run.resolve("get" + i + ".log"));
        assertEquals(0, gets.get(i).exitValue(), log);
        assertEquals(
            expectedSha256, Checksums.sha256(run.resolve("l" + i).resolve("image.bin")), log);
        if (i > 0) {
          Matcher group = GROUP.matcher(log);
          assertTrue(group.find(), "no multicast outcome in:\n" + log);
          assertEquals("complete", group.group(2), log);
          groups.add(group.group(1));
        }
      }
      assertEquals(1, groups.size(), "all in one group: " + groups);
      assertTrue(
          relayLog.contains("sending to multicast group " + groups.iterator().next()), relayLog);
    } finally {
      bed.stopLimiting(SEEDER);
    }
  }

  /** Waits for every get, then checks each has the file and all were in one group; its id. */
  private String assertAllComplete(Path run, List<Process> gets) throws Exception {
    for (Process get : gets) {
      assertTrue(get.waitFor(5, TimeUnit.MINUTES), "a get did not finish");
    }
    Set<String> groups = new java.util.HashSet<>();
    for (int i = 0; i < gets.size(); i++) {
      String log = Files.readString(run.resolve("get" + i + ".log"));
      assertEquals(0, gets.get(i).exitValue(), log);
      assertEquals(
          expectedSha256, Checksums.sha256(run.resolve("l" + i).resolve("image.bin")), log);
      Matcher group = GROUP.matcher(log);
      assertTrue(group.find(), "no multicast outcome in:\n" + log);
      groups.add(group.group(1));
    }
    assertEquals(1, groups.size(), "all in one group: " + groups);
    return groups.iterator().next();
  }

  private void awaitServer() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      try {
        bed.exec(SERVER, "curl", "-sf", "-o", "/dev/null", serverUrl + "/api/torrents?size=1");
        return;
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    throw new AssertionError(
        "the server did not start:\n" + Files.readString(work.resolve("server.log")));
  }

  /** The peers of one test, in their namespaces; all killed at the end. */
  private final class Peers implements AutoCloseable {
    private final Path run;
    private final List<Process> processes = new ArrayList<>();

    Peers(Path run) {
      this.run = run;
    }

    Process seed(int host, String rate, String... options) throws IOException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  ServerProcess.javaBinary(),
                  "-jar",
                  Jars.peerClient().toString(),
                  "seed",
                  work.resolve("image.torrent").toString(),
                  "--data",
                  work.resolve("source").toString(),
                  "--server",
                  serverUrl,
                  "--quiet"));
      if (rate != null) {
        command.addAll(List.of("--rate", rate));
      }
      command.addAll(List.of(options));
      Process seeder = bed.start(host, run, run.resolve("seed" + host + ".log"), Map.of(), command);
      processes.add(seeder);
      return seeder;
    }

    List<Process> getAll(int from) throws IOException {
      List<Process> gets = new ArrayList<>();
      for (int i = from; i < LEECHERS; i++) {
        gets.add(get(i));
      }
      return gets;
    }

    Process get(int leecher) throws IOException {
      Process get =
          bed.start(
              FIRST_LEECHER + leecher,
              run,
              run.resolve("get" + leecher + ".log"),
              Map.of(),
              List.of(
                  ServerProcess.javaBinary(),
                  "-jar",
                  Jars.peerClient().toString(),
                  "get",
                  work.resolve("image.torrent").toString(),
                  "-o",
                  run.resolve("l" + leecher).toString(),
                  "--server",
                  serverUrl,
                  "--group-timeout",
                  "30",
                  "--exit-when-done",
                  "--quiet"));
      processes.add(get);
      return get;
    }

    void awaitGetLog(int leecher, String text, Duration timeout) throws Exception {
      Path log = run.resolve("get" + leecher + ".log");
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          "leecher " + leecher + " did not log \"" + text + "\":\n" + Files.readString(log));
    }

    String log(int host) throws IOException {
      return Files.readString(run.resolve("seed" + host + ".log"));
    }

    void awaitLog(int host, String text, Duration timeout) throws Exception {
      awaitEither(host, host, text, timeout);
    }

    /** Which of two seeders logs {@code text} first. */
    private int awaitEither(int one, int other, String text, Duration timeout) throws Exception {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (int host : new int[] {one, other}) {
          Path log = run.resolve("seed" + host + ".log");
          if (Files.exists(log) && Files.readString(log).contains(text)) {
            return host;
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no seeder logged \"" + text + "\"");
    }

    @Override
    public void close() {
      processes.forEach(Process::destroyForcibly);
      for (Process process : processes) {
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
