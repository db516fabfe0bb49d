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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Our peer wire against a client nobody here wrote: Debian's aria2 downloads from our {@code seed},
 * our {@code get} downloads from aria2, and both leech from our seeder in one swarm, all through
 * our server's HTTP tracker on loopback, with multicast off. Every copy is checked byte for byte.
 */
@EnabledIf("aria2Installed")
@Timeout(300)
class PeerWireInteropIT {
  private static final int MIB = 24;
  private static final long TRANSFER_SECONDS = 150;

  private static Path shared;
  private static ServerProcess server;
  private static byte[] data;
  private static Path torrent;

  private Path work;
  private final List<Background> started = new ArrayList<>();

  @BeforeAll
  static void startServerAndPublish() throws Exception {
    shared = Jars.workDir().resolve("peer-wire-interop-" + UUID.randomUUID());
    Path source = Files.createDirectories(shared.resolve("source"));
    data = new byte[MIB * 1024 * 1024];
    new Random().nextBytes(data);
    Files.write(source.resolve("data.bin"), data);
    server =
        ServerProcess.start(
            shared.resolve("server"), Map.of("MCBT_TRACKER_MIN_INTERVAL_SECONDS", "2"));
    PeerClientProcess.Result published =
        PeerClientProcess.run(
            shared,
            "publish",
            "source/data.bin",
            "-o",
            "data.torrent",
            "--server",
            server.baseUrl(),
            "-q");
    assertEquals(0, published.exitCode(), published.out() + published.err());
    torrent = shared.resolve("data.torrent").toAbsolutePath();
  }

  @AfterAll
  static void stopServerAndDropTheData() throws IOException {
    if (server != null) {
      server.close();
    }
    // The logs stay in the work folder; the copies of the data (MIB MiB each) do not.
    if (shared != null && Files.isDirectory(shared)) {
      try (Stream<Path> files = Files.walk(shared)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("data.bin")).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @BeforeEach
  void makeWorkDir() throws IOException {
    work = Files.createDirectories(shared.resolve("run-" + UUID.randomUUID())).toAbsolutePath();
  }

  @AfterEach
  void stopEverythingStarted() {
    for (Background process : started) {
      process.stop();
    }
    started.clear();
  }

  @Test
  void aria2DownloadsFromOurSeeder() throws Exception {
    Background seeder = ourSeeder();
    seeder.awaitLine("seeding data.bin");
    Background aria2 = aria2Leecher("aria2-leech");
    aria2.awaitSuccess(TRANSFER_SECONDS, seeder);
    assertSameData(work.resolve("aria2-leech/data.bin"), aria2, seeder);
  }

  @Test
  void ourGetDownloadsFromAria2() throws Exception {
    Background aria2 = aria2Seeder();
    Background get = ourGet("get");
    get.awaitSuccess(TRANSFER_SECONDS, aria2);
    assertSameData(work.resolve("get/data.bin"), get, aria2);
  }

  @Test
  void ourSeederFeedsTwoOfOurGetsAndAria2AtOnce() throws Exception {
    Background seeder = ourSeeder();
    seeder.awaitLine("seeding data.bin");
    List<Background> leechers = List.of(ourGet("get-1"), ourGet("get-2"), aria2Leecher("aria2"));
    for (Background leecher : leechers) {
      leecher.awaitSuccess(TRANSFER_SECONDS, seeder);
    }
    assertSameData(work.resolve("get-1/data.bin"), leechers.get(0), seeder);
    assertSameData(work.resolve("get-2/data.bin"), leechers.get(1), seeder);
    assertSameData(work.resolve("aria2/data.bin"), leechers.get(2), seeder);
  }

  private Background ourSeeder() throws IOException {
    return start(
        "seed",
        ourClient(
            "seed",
            torrent.toString(),
            "--data",
            shared.resolve("source").toAbsolutePath().toString(),
            "--server",
            server.baseUrl(),
            "--bind",
            "127.0.0.1",
            "--port",
            Integer.toString(freePort()),
            "--no-multicast"));
  }

  private Background ourGet(String name) throws IOException {
    return start(
        name,
        ourClient(
            "get",
            torrent.toString(),
            "-o",
            work.resolve(name).toString(),
            "--server",
            server.baseUrl(),
            "--bind",
            "127.0.0.1",
            "--port",
            Integer.toString(freePort()),
            "--exit-when-done",
            "--no-multicast",
            "-q"));
  }

  private Background aria2Seeder() throws IOException {
    List<String> command = aria2();
    command.addAll(
        List.of(
            "--check-integrity=true",
            "--seed-ratio=0.0",
            "--listen-port=" + freePort(),
            "-d",
            shared.resolve("source").toAbsolutePath().toString(),
            torrent.toString()));
    return start("aria2-seed", command);
  }

  private Background aria2Leecher(String name) throws IOException {
    List<String> command = aria2();
    command.addAll(
        List.of(
            "--seed-time=0",
            "--file-allocation=none",
            "--listen-port=" + freePort(),
            "-d",
            work.resolve(name).toString(),
            torrent.toString()));
    return start(name, command);
  }

  private static List<String> aria2() {
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
            "--auto-save-interval=0",
            "--allow-overwrite=true"));
  }

  private static List<String> ourClient(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of(ServerProcess.javaBinary(), "-jar", Jars.peerClient().toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  private Background start(String name, List<String> command) throws IOException {
    Path log = work.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("MCBT_SERVER");
    Background process = new Background(name, builder.start(), log);
    started.add(process);
    return process;
  }

  private static void assertSameData(Path copy, Background... involved) throws Exception {
    assertTrue(Files.isRegularFile(copy), "no " + copy + "\n" + tails(involved));
    byte[] bytes = Files.readAllBytes(copy);
    assertEquals(Checksums.sha256(data), Checksums.sha256(bytes), copy + "\n" + tails(involved));
    assertArrayEquals(data, bytes, copy.toString());
  }

  private static String tails(Background... processes) {
    StringBuilder text = new StringBuilder();
    for (Background process : processes) {
      text.append(process.tail());
    }
    return text.toString();
  }

  static boolean aria2Installed() {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aria2c")));
  }

  private static final Set<Integer> handedOut = new HashSet<>();

  /** A free loopback TCP port, never the same twice in this run. */
  private static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (handedOut.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no free port");
  }

  /** A process this test started, with its output in a log file in the work folder. */
  private record Background(String name, Process process, Path log) {
    void awaitLine(String text) throws Exception {
      for (int i = 0; i < 240; i++) {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return;
        }
        assertTrue(process.isAlive(), name + " exited before \"" + text + "\"\n" + tail());
        Thread.sleep(250);
      }
      throw new AssertionError("no \"" + text + "\" from " + name + "\n" + tail());
    }

    void awaitSuccess(long seconds, Background... others) throws Exception {
      boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
      assertTrue(
          finished, name + " did not finish in " + seconds + " s\n" + tail() + tails(others));
      assertEquals(0, process.exitValue(), name + " failed\n" + tail() + tails(others));
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    String tail() {
      try {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return "--- "
            + name
            + " ("
            + log
            + ") ---\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))
            + "\n";
      } catch (IOException e) {
        return "--- " + name + ": " + e + "\n";
      }
    }
  }
}
