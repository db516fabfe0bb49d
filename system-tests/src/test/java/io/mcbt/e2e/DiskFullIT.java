package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcbt.metainfo.Info;
import io.mcbt.metainfo.MetainfoParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code get} into a folder on an 8 MiB tmpfs cannot hold a 24 MiB file: it must stop with one
 * clear line and exit code 2, with no stack trace, and must not have counted a piece that is not on
 * disk intact. The partial file, copied to a larger disk, resumes: the resume check accepts exactly
 * the intact pieces and the download ends with the right bytes. Needs root to mount.
 */
@Timeout(180)
class DiskFullIT {
  private static final int MIB = 1024 * 1024;
  private static final int SIZE = 24 * MIB;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ON_DISK = Pattern.compile("(\\d+)/(\\d+) pieces on disk");

  @Test
  void aFullDiskStopsTheGetClearlyAndOnlyIntactPiecesCount() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path work = Files.createDirectories(Jars.workDir().resolve("disk-full-" + UUID.randomUUID()));
    Path source = Files.createDirectories(work.resolve("source"));
    byte[] data = new byte[SIZE];
    new Random(24).nextBytes(data);
    Files.write(source.resolve("data.bin"), data);
    Path small = Files.createDirectories(work.resolve("small"));
    Process seed = null;
    boolean mounted = false;
    int seedPort = freePort();
    // At 4 MiB/s the get reports progress (--json, once a second) before the disk is full.
    try (ThrottledPeerRoute tracker = new ThrottledPeerRoute(seedPort, 4L * MIB)) {
      PeerClientProcess.Result created =
          PeerClientProcess.run(
              work,
              "create",
              "source/data.bin",
              "--announce",
              tracker.announceUrl(),
              "-o",
              "data.torrent",
              "-q");
      assertEquals(0, created.exitCode(), created.out() + created.err());
      Info info = MetainfoParser.parse(Files.readAllBytes(work.resolve("data.torrent"))).info();
      seed = startSeed(work, seedPort);
      awaitLine(work.resolve("seed.out"), "seeding data.bin", seed);

      run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString());
      mounted = true;
      PeerClientProcess.Result full = get(work, small.resolve("out"));
      assertEquals(2, full.exitCode(), full.out() + full.err());
      String error = errorLines(full.err());
      assertTrue(error.contains("disk is full"), error);
      assertTrue(error.contains("No space left on device"), error);
      assertFalse(full.err().contains("\tat "), "no stack trace:\n" + full.err());
      assertFalse(full.err().contains("Exception"), "no exception name:\n" + full.err());

      long reportedVerified = lastVerifiedBytes(full.err());
      Path partial = small.resolve("out/data.bin");
      int intact = intactPieces(partial, info, data);
      System.out.printf(
          "disk full: exit %d, \"%s\"; last progress %d verified bytes, %d of %d pieces intact"
              + " on the full disk%n",
          full.exitCode(), error.strip(), reportedVerified, intact, info.pieceCount());
      assertTrue(intact > 0, "something was written before the disk was full");
      assertTrue(intact < info.pieceCount(), "the file cannot fit");
      assertTrue(reportedVerified > 0, "progress was reported before the disk was full");
      assertTrue(
          reportedVerified <= (long) intact * info.pieceLength(),
          "verified " + reportedVerified + " bytes but only " + intact + " pieces are intact");

      Path large = Files.createDirectories(work.resolve("large"));
      Files.copy(partial, large.resolve("data.bin"), StandardCopyOption.REPLACE_EXISTING);
      run("umount", small.toString());
      mounted = false;
      PeerClientProcess.Result resumed = get(work, large);
      assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
      Matcher onDisk = ON_DISK.matcher(resumed.out());
      assertTrue(onDisk.find(), resumed.out());
      assertEquals(intact, Integer.parseInt(onDisk.group(1)), "the resume check's count");
      assertEquals(
          Checksums.sha256(data),
          Checksums.sha256(Files.readAllBytes(large.resolve("data.bin"))),
          resumed.out() + resumed.err());
      System.out.printf(
          "disk full: resumed in a larger folder with %s/%s pieces, sha256 identical%n",
          onDisk.group(1), onDisk.group(2));
      Files.delete(large.resolve("data.bin"));
      Files.delete(source.resolve("data.bin"));
    } finally {
      if (seed != null) {
        seed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (mounted) {
        run("umount", "-l", small.toString());
      }
    }
  }

  private static Process startSeed(Path work, int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ServerProcess.javaBinary(),
                "-jar",
                Jars.peerClient().toString(),
                "seed",
                "data.torrent",
                "--data",
                "source",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--no-multicast",
                "--server",
                "http://127.0.0.1:9")
            .directory(work.toFile())
            .redirectOutput(work.resolve("seed.out").toFile())
            .redirectError(work.resolve("seed.err").toFile());
    builder.environment().remove("MCBT_SERVER");
    return builder.start();
  }

  private static PeerClientProcess.Result get(Path work, Path folder) throws Exception {
    return PeerClientProcess.run(
        work,
        "get",
        "data.torrent",
        "-o",
        folder.toString(),
        "--json",
        "--port",
        Integer.toString(freePort()),
        "--bind",
        "127.0.0.1",
        "--no-multicast",
        "--server",
        "http://127.0.0.1:9",
        "--exit-when-done");
  }

  /** The pieces of {@code file} whose bytes are those of {@code data}. */
  private static int intactPieces(Path file, Info info, byte[] data) throws IOException {
    int intact = 0;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      for (int piece = 0; piece < info.pieceCount(); piece++) {
        long start = piece * info.pieceLength();
        byte[] bytes = new byte[(int) info.pieceSize(piece)];
        if (start + bytes.length > in.length()) {
          continue;
        }
        in.seek(start);
        in.readFully(bytes);
        if (Arrays.equals(
            bytes, Arrays.copyOfRange(data, (int) start, (int) start + bytes.length))) {
          intact++;
        }
      }
    }
    return intact;
  }

  private static String errorLines(String err) {
    StringBuilder lines = new StringBuilder();
    err.lines().filter(line -> line.contains("error")).forEach(l -> lines.append(l).append('\n'));
    return lines.toString();
  }

  private static long lastVerifiedBytes(String err) throws IOException {
    long verified = 0;
    for (String line : err.lines().filter(line -> line.startsWith("{")).toList()) {
      JsonNode node = JSON.readTree(line);
      verified = node.get("verifiedBytes").asLong();
    }
    return verified;
  }

  private static void awaitLine(Path file, String text, Process process) throws Exception {
    for (int i = 0; i < 400; i++) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      assertTrue(process.isAlive(), "the seed ended early");
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + file);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("failed: " + String.join(" ", command));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
