package io.mcbt.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server jar in its own process, on a free loopback port, with its own data folder. It is
 * stopped (and waited for) by {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final int udpPort;
  private final Path log;

  private ServerProcess(Process process, int port, int udpPort, Path log) {
    this.process = process;
    this.port = port;
    this.udpPort = udpPort;
    this.log = log;
  }

  /** Starts the server with {@code workDir} as its working folder (its store lives in ./data). */
  static ServerProcess start(Path workDir, Map<String, String> environment) throws IOException {
    return start(workDir, environment, List.of("-jar", Jars.server().toString()));
  }

  /**
   * Starts one instance of a cluster, as {@code run-server} does with {@code MCBT_CLUSTER_MEMBERS}:
   * Payara Micro with the WAR and Hazelcast on, its members found over TCP/IP on loopback.
   *
   * @param clusterName tells this test's clusters apart from any other on the machine
   * @param clusterPort this instance's Hazelcast port
   * @param clusterPorts every member's Hazelcast port
   */
  static ServerProcess startInCluster(
      Path workDir,
      Map<String, String> environment,
      String clusterName,
      int clusterPort,
      List<Integer> clusterPorts)
      throws IOException {
    Path serverDir = Jars.server().getParent();
    String members =
        String.join(",", clusterPorts.stream().map(port -> "127.0.0.1:" + port).toList());
    return start(
        workDir,
        environment,
        List.of(
            "-jar",
            serverDir.resolve("payara-micro.jar").toString(),
            "--deploy",
            serverDir.resolve("mcbt.war") + ":/",
            "--clustermode",
            "tcpip:" + members,
            "--startport",
            Integer.toString(clusterPort),
            "--interfaces",
            "127.0.0.1",
            "--clustername",
            clusterName,
            "--disablephonehome"));
  }

  private static ServerProcess start(
      Path workDir, Map<String, String> environment, List<String> jar) throws IOException {
    Files.createDirectories(workDir);
    Path preboot = workDir.resolve("preboot.txt");
    Files.writeString(
        preboot,
        "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address=127.0.0.1\n");
    int port = freePort();
    int udpPort = freeUdpPort();
    Path log = workDir.resolve("server-" + port + ".log");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jar);
    command.addAll(
        List.of("--port", Integer.toString(port), "--prebootcommandfile", preboot.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().put("MCBT_TRACKER_UDP_ADDRESS", "127.0.0.1");
    builder.environment().put("MCBT_TRACKER_UDP_PORT", Integer.toString(udpPort));
    // Every test client runs on loopback: no per-address limits unless a test sets them.
    builder.environment().put("MCBT_TRACKER_ANNOUNCE_RATE_PER_IP", "0");
    builder.environment().put("MCBT_INDEX_UPLOAD_RATE_PER_MINUTE", "0");
    builder.environment().putAll(environment);
    ServerProcess server = new ServerProcess(builder.start(), port, udpPort, log);
    server.awaitReady();
    return server;
  }

  /** A free TCP port on loopback (for Hazelcast, say). */
  static int freeTcpPort() throws IOException {
    return freePort();
  }

  URI api(String path) {
    return URI.create("http://127.0.0.1:" + port + "/api/" + path);
  }

  int port() {
    return port;
  }

  /** The UDP tracker's announce URL (BEP 15). */
  String udpAnnounceUrl() {
    return "udp://127.0.0.1:" + udpPort + "/announce";
  }

  int udpPort() {
    return udpPort;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The server's process id, to read its memory from {@code /proc}. */
  long pid() {
    return process.pid();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the server as a crash would: no shutdown hooks, nothing flushed on the way out. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  @Override
  public void close() {
    process.destroy();
    if (!awaitExit()) {
      kill();
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited at start:\n" + log());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(api("torrents?size=1"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(250));
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the server did not answer within " + START_TIMEOUT + ":\n" + log());
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
