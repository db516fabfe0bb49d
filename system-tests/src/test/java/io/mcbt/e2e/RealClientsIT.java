package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real BitTorrent clients that nobody here wrote (Debian's aria2 and transmission-cli) seed and
 * download 64 MiB through our tracker, over HTTP and over UDP, checked by sha256. The recipe is
 * bench/interop-real-clients.sh; it publishes each torrent to our index first, as our tracker
 * tracks only published torrents.
 */
@EnabledIf("realClientsInstalled")
@Timeout(600)
class RealClientsIT {
  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws IOException {
    server =
        ServerProcess.start(
            Jars.workDir().resolve("real-clients-" + UUID.randomUUID()),
            Map.of("MCBT_TRACKER_MIN_INTERVAL_SECONDS", "2"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Stream<Arguments> transfers() {
    return Stream.of(
        Arguments.of("aria2-to-transmission", "http"),
        Arguments.of("transmission-to-aria2", "udp"),
        Arguments.of("aria2-to-aria2", "udp"));
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("transfers")
  void aRealClientDownloadsFromAnotherThroughOurTracker(String direction, String transport)
      throws Exception {
    String announce =
        transport.equals("udp") ? server.udpAnnounceUrl() : server.baseUrl() + "/announce";
    Path log =
        Files.createTempFile(
            Files.createDirectories(Jars.workDir()), "interop-" + direction, ".log");
    ProcessBuilder script =
        new ProcessBuilder("bash", script().toString(), announce, "64", direction)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    script.environment().put("MCBT_SERVER", server.baseUrl());
    script.environment().put("PORT_BASE", Integer.toString(freePortPair()));
    script.environment().put("TIMEOUT", "150");

    Process process = script.start();
    boolean finished = process.waitFor(300, TimeUnit.SECONDS);
    if (!finished) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    List<String> lines = Files.readAllLines(log);
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    assertTrue(finished, "the interop script did not finish:\n" + String.join("\n", lines));
    assertTrue(last.startsWith("PASS"), String.join("\n", lines));
    assertEquals(0, process.exitValue());
  }

  static boolean realClientsInstalled() {
    return Stream.of("aria2c", "transmission-cli", "transmission-show", "mktorrent", "curl")
        .allMatch(
            tool ->
                Stream.of(System.getenv("PATH").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool))));
  }

  private static Path script() {
    return Path.of(System.getProperty("mcbt.interopScript", "../bench/interop-real-clients.sh"));
  }

  /** Two consecutive free TCP ports on loopback: the script's seeder and leecher listen there. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = 20000 + (int) (Math.random() * 20000);
      if (isFree(port) && isFree(port + 1) && isFree(port + 2) && isFree(port + 3)) {
        return port;
      }
    }
    throw new IOException("no two free ports found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
