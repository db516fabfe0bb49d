package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interrupted {@code get} resumes: our seed serves a 64 MiB file through a throttled route, the
 * first {@code get} is killed (SIGKILL, no shutdown hook) once some pieces are verified, and a
 * second {@code get} on the same folder finds them on disk, fetches only the rest and ends with the
 * same bytes.
 */
@Timeout(240)
class ResumeIT {
  private static final int MIB = 1024 * 1024;
  private static final int SIZE = 64 * MIB;

  /** 64 MiB take about six seconds: time to see progress and kill the download mid-way. */
  private static final long BYTES_PER_SECOND = 10L * MIB;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ON_DISK = Pattern.compile("(\\d+)/(\\d+) pieces on disk");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverythingStarted() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledGetResumesWithoutFetchingVerifiedPiecesAgain() throws Exception {
    Path work = Files.createDirectories(Jars.workDir().resolve("resume-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[SIZE];
    new Random().nextBytes(data);
    Files.write(source.resolve("data.bin"), data);
    int seedPort = freePort();
    try (ThrottledPeerRoute route = new ThrottledPeerRoute(seedPort, BYTES_PER_SECOND)) {
      PeerClientProcess.Result created =
          PeerClientProcess.run(
              work,
              "create",
              "source/data.bin",
              "--announce",
              route.announceUrl(),
              "-o",
              "data.torrent",
              "-q");
      assertEquals(0, created.exitCode(), created.out() + created.err());
      start(work, "seed", "seed", "data.torrent", "--data", "source", "--port", "" + seedPort);
      awaitLine(work.resolve("seed.out"), "seeding data.bin");

      Process first = start(work, "get-1", "get", "data.torrent", "-o", "out", "--json");
      JsonNode progress = awaitProgress(work.resolve("get-1.err"), first);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long verifiedBeforeKill = progress.get("verifiedBytes").asLong();

      Process second =
          start(work, "get-2", "get", "data.torrent", "-o", "out", "--json", "--exit-when-done");
      assertTrue(second.waitFor(120, TimeUnit.SECONDS), tail(work, "get-2"));
      assertEquals(0, second.exitValue(), tail(work, "get-2"));

      Matcher onDisk = ON_DISK.matcher(Files.readString(work.resolve("get-2.out")));
      assertTrue(onDisk.find(), tail(work, "get-2"));
      int piecesFound = Integer.parseInt(onDisk.group(1));
      int pieceCount = Integer.parseInt(onDisk.group(2));
      List<String> json =
          Files.readAllLines(work.resolve("get-2.err")).stream()
              .filter(line -> line.startsWith("{"))
              .toList();
      JsonNode last = JSON.readTree(json.get(json.size() - 1));
      long downloadedAfterRestart = last.get("downloadedBytes").asLong();
      System.out.printf(
          "resume: killed at %d verified bytes; restart found %d/%d pieces, downloaded %d of %d"
              + " bytes%n",
          verifiedBeforeKill, piecesFound, pieceCount, downloadedAfterRestart, SIZE);
      assertTrue(piecesFound > 0, "pieces found on restart\n" + tail(work, "get-2"));
      assertTrue(piecesFound < pieceCount, "killed before the end");
      assertTrue(downloadedAfterRestart < SIZE, "downloaded " + downloadedAfterRestart);
      assertTrue(
          downloadedAfterRestart <= SIZE - (long) piecesFound * (SIZE / pieceCount),
          "the pieces found were not fetched again: " + downloadedAfterRestart);
      byte[] copy = Files.readAllBytes(work.resolve("out/data.bin"));
      assertEquals(Checksums.sha256(data), Checksums.sha256(copy));
      assertArrayEquals(data, copy);
      Files.delete(work.resolve("out/data.bin"));
      Files.delete(source.resolve("data.bin"));
    }
  }

  /** The first progress line with some, not all, bytes verified. */
  private static JsonNode awaitProgress(Path err, Process get) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(err)) {
        for (String line : Files.readAllLines(err)) {
          if (line.startsWith("{")) {
            JsonNode node = JSON.readTree(line);
            long verified = node.get("verifiedBytes").asLong();
            if (verified > 0 && verified < SIZE) {
              return node;
            }
          }
        }
      }
      assertTrue(get.isAlive(), "the first get ended early");
      Thread.sleep(100);
    }
    throw new AssertionError("no progress with some pieces verified");
  }

  private Process start(Path work, String name, String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(ServerProcess.javaBinary(), "-jar", Jars.peerClient().toString()));
    command.addAll(List.of(arguments));
    command.addAll(
        List.of("--bind", "127.0.0.1", "--no-multicast", "--server", "http://127.0.0.1:9"));
    if (!arguments[0].equals("seed")) {
      command.addAll(List.of("--port", Integer.toString(freePort())));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(work.resolve(name + ".out").toFile())
            .redirectError(work.resolve(name + ".err").toFile());
    builder.environment().remove("MCBT_SERVER");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static void awaitLine(Path file, String text) throws Exception {
    for (int i = 0; i < 400; i++) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + file);
  }

  private static String tail(Path work, String name) {
    try {
      return Files.readString(work.resolve(name + ".out"))
          + Files.readString(work.resolve(name + ".err"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
