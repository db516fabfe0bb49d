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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A magnet link without the index (BEP 9 and 10 against a client nobody here wrote): aria2 seeds a
 * torrent the index never saw, through our open tracker; our {@code get} is given only the magnet
 * link, finds that the index lacks it, takes the metadata from aria2 and downloads the data.
 */
@EnabledIf("aria2Installed")
@Timeout(240)
class MagnetInteropIT {
  private static final int SIZE = 8 * 1024 * 1024 + 12345;
  private static final Pattern INFO_HASH = Pattern.compile("\\b([0-9a-f]{40})\\b");

  private final List<Process> started = new ArrayList<>();
  private ServerProcess server;

  @AfterEach
  void stopEverythingStarted() throws InterruptedException, IOException {
    for (Process process : started) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ourGetTakesTheMetadataOfAMagnetLinkFromAria2() throws Exception {
    Path work = Files.createDirectories(Jars.workDir().resolve("magnet-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[SIZE];
    new Random().nextBytes(data);
    Files.write(source.resolve("data.bin"), data);
    server =
        ServerProcess.start(
            work.resolve("server"),
            Map.of("MCBT_TRACKER_OPEN", "true", "MCBT_TRACKER_MIN_INTERVAL_SECONDS", "2"));
    String announce = server.baseUrl() + "/announce";
    PeerClientProcess.Result created =
        PeerClientProcess.run(
            work, "create", "source/data.bin", "--announce", announce, "-o", "data.torrent");
    assertEquals(0, created.exitCode(), created.out() + created.err());
    Matcher hash = INFO_HASH.matcher(created.out());
    assertTrue(hash.find(), "no info-hash in:\n" + created.out());

    Path aria2Log = work.resolve("aria2-seed.log");
    start(
        aria2Log,
        work,
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
        "--check-integrity=true",
        "--seed-ratio=0.0",
        "--listen-port=" + freePort(),
        "-d",
        source.toString(),
        work.resolve("data.torrent").toString());

    String magnet = "magnet:?xt=urn:btih:" + hash.group(1) + "&tr=" + announce;
    Path getLog = work.resolve("get.log");
    Process get =
        start(
            getLog,
            work,
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
            "-q");
    assertTrue(get.waitFor(150, TimeUnit.SECONDS), tail(getLog) + tail(aria2Log));
    String log = Files.readString(getLog);
    assertEquals(0, get.exitValue(), log + tail(aria2Log));
    assertTrue(log.contains("fetching the metadata from peers"), log);
    assertTrue(log.contains("metadata of data.bin from peers"), log);
    assertArrayEquals(data, Files.readAllBytes(work.resolve("out/data.bin")));
    Files.delete(work.resolve("out/data.bin"));
    Files.delete(source.resolve("data.bin"));
  }

  private Process start(Path log, Path work, String... command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
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
