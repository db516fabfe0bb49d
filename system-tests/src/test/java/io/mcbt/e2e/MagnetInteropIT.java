package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Magnet links without the index (BEP 9 and 10 against a client nobody here wrote), for a torrent
 * the index never saw, tracked by our open tracker: our {@code get} is given only the magnet link,
 * finds that the index lacks it, takes the metadata from aria2 and downloads the data; and aria2
 * takes the metadata from our {@code seed} (through {@link EveryoneTracker}: see there why).
 */
@EnabledIf("aria2Installed")
@Timeout(240)
class MagnetInteropIT {
  private static final int SIZE = 8 * 1024 * 1024 + 12345;
  private static final Pattern INFO_HASH = Pattern.compile("\\b([0-9a-f]{40})\\b");

  private static Path work;
  private static ServerProcess server;
  private static byte[] data;
  private static String announce;
  private static String magnet;

  private final List<Process> started = new ArrayList<>();
  private Path run;

  @BeforeAll
  static void startServerAndMakeATorrentTheIndexLacks() throws Exception {
    work = Files.createDirectories(Jars.workDir().resolve("magnet-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    data = new byte[SIZE];
    new Random().nextBytes(data);
    Files.write(source.resolve("data.bin"), data);
    server =
        ServerProcess.start(
            work.resolve("server"),
            Map.of("MCBT_TRACKER_OPEN", "true", "MCBT_TRACKER_MIN_INTERVAL_SECONDS", "2"));
    announce = server.baseUrl() + "/announce";
    PeerClientProcess.Result created =
        PeerClientProcess.run(
            work, "create", "source/data.bin", "--announce", announce, "-o", "data.torrent");
    assertEquals(0, created.exitCode(), created.out() + created.err());
    Matcher hash = INFO_HASH.matcher(created.out());
    assertTrue(hash.find(), "no info-hash in:\n" + created.out());
    magnet = "magnet:?xt=urn:btih:" + hash.group(1) + "&tr=" + announce;
  }

  @AfterAll
  static void stopServerAndDropTheData() throws IOException {
    if (server != null) {
      server.close();
    }
    if (work != null && Files.isDirectory(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("data.bin")).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @BeforeEach
  void makeRunDir() throws IOException {
    run = Files.createDirectories(work.resolve("run-" + UUID.randomUUID()));
  }

  @AfterEach
  void stopEverythingStarted() throws InterruptedException {
    for (Process process : started) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void ourGetTakesTheMetadataOfAMagnetLinkFromAria2() throws Exception {
    Path aria2Log = run.resolve("aria2-seed.log");
    List<String> aria2 = aria2();
    aria2.addAll(
        List.of(
            "--check-integrity=true",
            "--seed-ratio=0.0",
            "-d",
            work.resolve("source").toString(),
            work.resolve("data.torrent").toString()));
    start(aria2Log, aria2);
    Path getLog = run.resolve("get.log");
    Process get =
        start(
            getLog,
            List.of(
                ServerProcess.javaBinary(),
                "-jar",
                Jars.peerClient().toString(),
                "get",
                magnet,
                "-o",
                "out",
                "--server",
                server.baseUrl(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(freePort()),
                "--no-multicast",
                "--exit-when-done",
                "-q"));
    assertTrue(get.waitFor(150, TimeUnit.SECONDS), tail(getLog) + tail(aria2Log));
    String log = Files.readString(getLog);
    assertEquals(0, get.exitValue(), log + tail(aria2Log));
    assertTrue(log.contains("fetching the metadata from peers"), log);
    assertTrue(log.contains("metadata of data.bin from peers"), log);
    assertArrayEquals(data, Files.readAllBytes(run.resolve("out/data.bin")));
  }

  @Test
  void aria2TakesTheMetadataOfAMagnetLinkFromOurSeed() throws Exception {
    try (EveryoneTracker tracker = new EveryoneTracker()) {
      PeerClientProcess.Result created =
          PeerClientProcess.run(
              run,
              "create",
              work.resolve("source/data.bin").toString(),
              "--announce",
              tracker.announceUrl(),
              "-o",
              "data.torrent");
      assertEquals(0, created.exitCode(), created.out() + created.err());
      Matcher hash = INFO_HASH.matcher(created.out());
      assertTrue(hash.find(), created.out());
      Path seedLog = run.resolve("seed.log");
      start(
          seedLog,
          List.of(
              ServerProcess.javaBinary(),
              "-jar",
              Jars.peerClient().toString(),
              "seed",
              run.resolve("data.torrent").toString(),
              "--data",
              work.resolve("source").toString(),
              "--server",
              server.baseUrl(),
              "--bind",
              "127.0.0.1",
              "--port",
              Integer.toString(freePort()),
              "--no-multicast"));
      awaitLine(seedLog, "seeding data.bin");
      Path aria2Log = run.resolve("aria2-leech.log");
      List<String> aria2 = aria2();
      aria2.addAll(
          List.of(
              "--seed-time=0",
              "--file-allocation=none",
              "--bt-save-metadata=false",
              "-d",
              run.resolve("aria2").toString(),
              "magnet:?xt=urn:btih:" + hash.group(1) + "&tr=" + tracker.announceUrl()));
      Process leech = start(aria2Log, aria2);
      assertTrue(leech.waitFor(150, TimeUnit.SECONDS), tail(aria2Log) + tail(seedLog));
      assertEquals(0, leech.exitValue(), tail(aria2Log) + tail(seedLog));
      assertArrayEquals(data, Files.readAllBytes(run.resolve("aria2/data.bin")));
    }
  }

  private List<String> aria2() throws IOException {
    return new ArrayList<>(
        List.of(
            "aria2c",
            "--no-conf=true",
            "--interface=127.0.0.1",
            "--disable-ipv6=true",
            "--enable-dht=false",
            "--enable-dht6=false",
            "--bt-enable-lpd=false",
            "--enable-peer-exchange=false",
            "--bt-tracker-interval=2",
            "--summary-interval=0",
            "--console-log-level=warn",
            "--listen-port=" + freePort()));
  }

  private static void awaitLine(Path log, String text) throws Exception {
    for (int i = 0; i < 240; i++) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no \"" + text + "\"\n" + tail(log));
  }

  private Process start(Path log, List<String> command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(run.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("MCBT_SERVER");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return "--- "
          + log.getFileName()
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))
          + "\n";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static boolean aria2Installed() {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aria2c")));
  }
}
