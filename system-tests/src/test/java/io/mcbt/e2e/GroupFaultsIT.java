package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcbt.metainfo.MetainfoParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Faults during a multicast transfer, between real hosts (network namespaces on one bridge, as in
 * {@link MulticastDeliveryIT}): a member of the group is killed and started again on the same
 * folder, and the server is killed and started again on the same data folder and port. In both,
 * every leecher must end with a sha256-identical file, and nothing published may be lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GroupFaultsIT {
  private static final int SERVER = 0;
  private static final int SEEDER = 1;
  private static final int FIRST_LEECHER = 2;
  private static final int LEECHERS = 5;
  private static final long SIZE = 32L * 1024 * 1024;

  /** 32 MiB at 4 MiB/s: eight seconds of multicast, time to break something mid-way. */
  private static final String RATE = "4M";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ON_DISK = Pattern.compile("(\\d+)/(\\d+) pieces on disk");

  private NetnsBed bed;
  private Path work;
  private Path serverDir;
  private Process server;
  private String serverUrl;
  private String infoHash;
  private String expectedSha256;

  @BeforeAll
  void startServerAndPublish() throws Exception {
    assumeTrue(NetnsBed.available(), "needs root, iproute2 and nftables");
    bed = NetnsBed.create(FIRST_LEECHER + LEECHERS);
    work = Files.createDirectories(Jars.workDir().resolve("group-faults-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[(int) SIZE];
    new Random(32).nextBytes(data);
    Files.write(source.resolve("image.bin"), data);
    expectedSha256 = Checksums.sha256(data);
    serverDir = Files.createDirectories(work.resolve("server"));
    serverUrl = "http://" + bed.address(SERVER) + ":8080";
    startServer("server.log");
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
    infoHash =
        MetainfoParser.parse(Files.readAllBytes(work.resolve("image.torrent"))).infoHash().hex();
  }

  @AfterAll
  void tearDown() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void aMemberKilledMidTransferResumesWithItsVerifiedPieces() throws Exception {
    Path run = Files.createDirectories(work.resolve("member"));
    try (Peers peers = new Peers(run)) {
      peers.seed();
      List<Process> gets = new ArrayList<>();
      for (int i = 0; i < LEECHERS; i++) {
        gets.add(peers.get(i, "get" + i));
      }
      long verifiedAtKill = peers.awaitVerified("get0", gets.get(0), SIZE / 4);
      gets.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(1_000);
      gets.set(0, peers.get(0, "get0-again"));

      List<String> logs = new ArrayList<>(List.of("get0-again"));
      for (int i = 1; i < LEECHERS; i++) {
        logs.add("get" + i);
      }
      assertAllComplete(run, gets, logs);
      String restarted = Files.readString(run.resolve("get0-again.log"));
      Matcher onDisk = ON_DISK.matcher(restarted);
      assertTrue(onDisk.find(), restarted);
      int found = Integer.parseInt(onDisk.group(1));
      int pieces = Integer.parseInt(onDisk.group(2));
      System.out.printf(
          "member killed at %d verified bytes; restarted with %d/%d pieces on disk; %s%n",
          verifiedAtKill, found, pieces, howItEnded(restarted));
      assertTrue(found > 0, "verified pieces kept:\n" + restarted);
      assertTrue(found < pieces, "killed before the end:\n" + restarted);
    }
  }

  @Test
  void theServerRestartedMidTransferLosesNoTorrentAndEveryGetFinishes() throws Exception {
    Path run = Files.createDirectories(work.resolve("server-restart"));
    try (Peers peers = new Peers(run)) {
      peers.seed();
      List<Process> gets = new ArrayList<>();
      List<String> logs = new ArrayList<>();
      for (int i = 0; i < LEECHERS - 1; i++) {
        gets.add(peers.get(i, "get" + i));
        logs.add("get" + i);
      }
      long verifiedAtKill = peers.awaitVerified("get0", gets.get(0), SIZE / 8);
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      Instant killed = Instant.now();
      startServer("server-again.log");
      Duration down = Duration.between(killed, Instant.now());

      // Still listed, and a leecher that comes after the restart finds the seed again once it
      // has announced to the new tracker (the seed's WebSocket is not opened again: no group).
      String listed = bed.exec(SERVER, "curl", "-sf", serverUrl + "/api/torrents/" + infoHash);
      assertTrue(listed.contains(infoHash), listed);
      gets.add(peers.get(LEECHERS - 1, "late", 5));
      logs.add("late");
      assertAllComplete(run, gets, logs);
      System.out.printf(
          "server killed with get0 at %d verified bytes, back after %d ms; torrent listed; %s%n",
          verifiedAtKill, down.toMillis(), howItEnded(Files.readString(run.resolve("get0.log"))));
      System.out.printf(
          "late get after the restart: %s%n",
          howItEnded(Files.readString(run.resolve("late.log"))));
    }
  }

  private void startServer(String log) throws Exception {
    server =
        bed.start(
            SERVER,
            serverDir,
            work.resolve(log),
            Map.of(
                "MCBT_TRACKER_UDP_PORT", "0",
                "MCBT_GROUPS_FORMATION_WINDOW_MS", "3000",
                // Seven JVMs on two cores delay RTT probes: the bed is one LAN, one band.
                "MCBT_GROUPS_RTT_BANDS_MS", "250",
                "MCBT_TRACKER_ANNOUNCE_RATE_PER_IP", "0",
                // The default announce interval (30 min): running peers announce again when
                // the tracker's WebSocket drops, so a restarted tracker learns of them at once.
                "MCBT_INDEX_UPLOAD_RATE_PER_MINUTE", "0"),
            List.of(
                ServerProcess.javaBinary(), "-jar", Jars.server().toString(), "--port", "8080"));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      try {
        bed.exec(SERVER, "curl", "-sf", "-o", "/dev/null", serverUrl + "/api/torrents?size=1");
        return;
      } catch (IOException notYet) {
        assertTrue(server.isAlive(), Files.readString(work.resolve(log)));
        Thread.sleep(250);
      }
    }
    throw new AssertionError("the server did not start:\n" + Files.readString(work.resolve(log)));
  }

  private void assertAllComplete(Path run, List<Process> gets, List<String> logs) throws Exception {
    for (int i = 0; i < gets.size(); i++) {
      String log = run.resolve(logs.get(i) + ".log").toString();
      assertTrue(gets.get(i).waitFor(3, TimeUnit.MINUTES), "did not finish: " + log);
    }
    for (int i = 0; i < gets.size(); i++) {
      String log = Files.readString(run.resolve(logs.get(i) + ".log"));
      assertEquals(0, gets.get(i).exitValue(), log);
      assertEquals(
          expectedSha256, Checksums.sha256(run.resolve("l" + i).resolve("image.bin")), log);
    }
  }

  /** The multicast outcome a get printed, or that it had none. */
  private static String howItEnded(String log) {
    return log.lines()
        .filter(line -> line.startsWith("multicast group") || line.startsWith("no multicast"))
        .reduce((first, second) -> first + " | " + second)
        .orElse("no multicast outcome");
  }

  /** The peers of one test, in their namespaces; all killed at the end. */
  private final class Peers implements AutoCloseable {
    private final Path run;
    private final List<Process> processes = new ArrayList<>();

    Peers(Path run) {
      this.run = run;
    }

    void seed() throws Exception {
      Process seed =
          bed.start(
              SEEDER,
              run,
              run.resolve("seed.log"),
              Map.of(),
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
                  "--rate",
                  RATE,
                  "--quiet"));
      processes.add(seed);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!Files.readString(run.resolve("seed.log")).contains("seeding")) {
        assertTrue(seed.isAlive() && Instant.now().isBefore(deadline), log("seed"));
        Thread.sleep(100);
      }
    }

    /** A get of leecher {@code leecher} into its folder, logging to {@code name}.log. */
    Process get(int leecher, String name) throws IOException {
      return get(leecher, name, 30);
    }

    Process get(int leecher, String name, int groupTimeoutSeconds) throws IOException {
      Process get =
          bed.start(
              FIRST_LEECHER + leecher,
              run,
              run.resolve(name + ".log"),
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
                  Integer.toString(groupTimeoutSeconds),
                  "--exit-when-done",
                  "--json"));
      processes.add(get);
      return get;
    }

    /** Waits until {@code name} has verified at least {@code bytes}, not all; what it had. */
    long awaitVerified(String name, Process get, long bytes) throws Exception {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (Instant.now().isBefore(deadline)) {
        assertTrue(get.isAlive(), "ended early:\n" + log(name));
        for (String line : Files.readAllLines(run.resolve(name + ".log"))) {
          if (line.startsWith("{")) {
            JsonNode progress = JSON.readTree(line);
            long verified = progress.get("verifiedBytes").asLong();
            if (verified >= bytes && verified < SIZE) {
              return verified;
            }
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no progress past " + bytes + " bytes:\n" + log(name));
    }

    private String log(String name) throws IOException {
      return Files.readString(run.resolve(name + ".log"));
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
