package io.mcbt.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh domain of a full Payara Server, in a folder of its own, driven through {@code asadmin}.
 * All its ports lie in 18700-18799 and it listens on loopback only: other tests and a developer's
 * server may hold Payara's default ports (4848, 8080, 4900, 5900...). {@link #close()} stops it,
 * kills its process tree if stopping fails, and deletes the domain (keeping its log).
 */
final class PayaraDomain implements AutoCloseable {
  private static final String NAME = "mcbt-it";
  private static final int FIRST_PORT_BASE = 18700;
  private static final int LAST_PORT_BASE = 18709;

  /** Where create-domain puts each service, from the port base. */
  private static final int ADMIN = 48;

  private static final int HTTP = 80;

  /**
   * Every port create-domain derives from the base: debugger, IIOP (three), admin, Hazelcast DAS
   * and members, OSGi shell, JMS, HTTP, HTTPS, JMX.
   */
  private static final int[] DOMAIN_PORTS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  /** Above every domain port, still in the band: for the application's own listeners. */
  private static final int SPARE = 90;

  private static final Duration ASADMIN_TIMEOUT = Duration.ofSeconds(180);

  private final Path payaraHome;
  private final Path domainsDir;
  private final int portBase;
  private final Path keptLog;

  private PayaraDomain(Path payaraHome, Path domainsDir, int portBase, Path keptLog) {
    this.payaraHome = payaraHome;
    this.domainsDir = domainsDir;
    this.portBase = portBase;
    this.keptLog = keptLog;
  }

  /** Creates the domain under {@code workDir}, on the first port base whose ports are all free. */
  static PayaraDomain create(Path payaraHome, Path workDir) throws IOException {
    PayaraDomain domain =
        new PayaraDomain(
            payaraHome, workDir.resolve("domains"), freePortBase(), workDir.resolve("server.log"));
    domain.asadmin(
        Map.of(),
        "create-domain",
        "--domaindir",
        domain.domainsDir.toString(),
        "--portbase",
        Integer.toString(domain.portBase),
        "--nopassword",
        NAME);
    LoopbackDomainXml.rewrite(domain.domainDir().resolve("config/domain.xml"));
    return domain;
  }

  /**
   * Starts the domain. The server process inherits {@code environment}, which is how MicroProfile
   * Config reaches the application.
   */
  void start(Map<String, String> environment) throws IOException {
    asadmin(environment, "start-domain", "--domaindir", domainsDir.toString(), NAME);
  }

  void deploy(Path archive, String name) throws IOException {
    asadmin(Map.of(), adminOptions("deploy", "--name", name, archive.toString()));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + (portBase + HTTP);
  }

  /** A port in the band that the domain does not use. */
  int sparePort() {
    return portBase + SPARE;
  }

  /** The server's log so far, to explain a failure. */
  String log() {
    Path log = Files.exists(serverLog()) ? serverLog() : keptLog;
    try {
      return Files.exists(log) ? Files.readString(log) : "(no server log)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    Optional<ProcessHandle> server = serverProcess();
    try {
      asadmin(Map.of(), "stop-domain", "--domaindir", domainsDir.toString(), NAME);
    } catch (IOException | RuntimeException e) {
      System.err.println("stop-domain failed, killing the server: " + e.getMessage());
    } finally {
      server.ifPresent(PayaraDomain::killTree);
      if (Files.exists(serverLog())) {
        Files.copy(serverLog(), keptLog, StandardCopyOption.REPLACE_EXISTING);
      }
      deleteRecursively(domainsDir);
    }
  }

  private Path domainDir() {
    return domainsDir.resolve(NAME);
  }

  private Path serverLog() {
    return domainDir().resolve("logs/server.log");
  }

  /** The running server, from the pid file it writes; asadmin has long exited by then. */
  private Optional<ProcessHandle> serverProcess() {
    Path pidFile = domainDir().resolve("config/pid");
    try {
      return Files.exists(pidFile)
          ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(timeout -> process).join();
  }

  private String[] adminOptions(String command, String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(portBase + ADMIN),
                "--user",
                "admin",
                command));
    all.addAll(List.of(arguments));
    return all.toArray(String[]::new);
  }

  /** Runs asadmin with this JVM's Java; throws with its output unless it succeeds. */
  private void asadmin(Map<String, String> environment, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(payaraHome.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(arguments));
    Files.createDirectories(domainsDir);
    Path output = Files.createTempFile(domainsDir.getParent(), "asadmin", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .directory(domainsDir.toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().put("AS_JAVA", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      boolean finished = process.waitFor(ASADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        killTree(process.toHandle());
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (!finished || process.exitValue() != 0) {
        throw new IllegalStateException(
            "asadmin " + String.join(" ", arguments) + " failed:\n" + printed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process.toHandle());
      throw new IOException("interrupted during asadmin " + arguments[0], e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static int freePortBase() {
    for (int base = FIRST_PORT_BASE; base <= LAST_PORT_BASE; base++) {
      if (allFree(base)) {
        return base;
      }
    }
    throw new IllegalStateException(
        "no port base from " + FIRST_PORT_BASE + " to " + LAST_PORT_BASE + " has all ports free");
  }

  private static boolean allFree(int base) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      for (int offset : DOMAIN_PORTS) {
        new ServerSocket(base + offset, 1, loopback).close();
      }
      new DatagramSocket(base + SPARE, loopback).close();
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
