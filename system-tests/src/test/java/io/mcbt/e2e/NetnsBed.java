package io.mcbt.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts for multicast tests: network namespaces on one Linux bridge, each with its own address in a
 * private /24 and a route for multicast, so that datagrams really cross interfaces as between
 * machines on a LAN. Receiver-side loss comes from nftables. Needs root; {@link #close()} kills
 * every process in the namespaces and removes them and the bridge.
 */
final class NetnsBed implements AutoCloseable {
  private final String prefix;
  private final String subnet;
  private final List<String> hosts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private NetnsBed(String prefix, String subnet) {
    this.prefix = prefix;
    this.subnet = subnet;
  }

  static boolean available() {
    try {
      return "root".equals(System.getProperty("user.name"))
          && new ProcessBuilder("ip", "-V").start().waitFor() == 0
          && new ProcessBuilder("nft", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A bed of {@code count} hosts, named {@code 0} to {@code count - 1}. */
  static NetnsBed create(int count) throws IOException, InterruptedException {
    int id = ThreadLocalRandom.current().nextInt(100, 999);
    NetnsBed bed = new NetnsBed("mc" + id, "10.77." + ThreadLocalRandom.current().nextInt(1, 250));
    try {
      run("ip", "link", "add", bed.bridge(), "type", "bridge");
      run("ip", "link", "set", bed.bridge(), "up");
      for (int i = 0; i < count; i++) {
        bed.addHost(i);
      }
      return bed;
    } catch (IOException | InterruptedException | RuntimeException e) {
      bed.close();
      throw e;
    }
  }

  private String bridge() {
    return prefix + "br";
  }

  private void addHost(int i) throws IOException, InterruptedException {
    String ns = prefix + "h" + i;
    run("ip", "netns", "add", ns);
    hosts.add(ns);
    String outside = prefix + "v" + i;
    String inside = prefix + "e" + i;
    run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
    run("ip", "link", "set", outside, "master", bridge());
    run("ip", "link", "set", outside, "up");
    run("ip", "link", "set", inside, "netns", ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", inside);
    run("ip", "-n", ns, "link", "set", inside, "up");
    run("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", inside);
  }

  String address(int host) {
    return subnet + "." + (host + 1);
  }

  String interfaceOf(int host) {
    return prefix + "e" + host;
  }

  /**
   * Lets host {@code host} send at most {@code rate} (tc syntax: {@code 24mbit}), like a seeder at
   * the far end of a slow link.
   */
  void limitOutbound(int host, String rate) throws IOException, InterruptedException {
    run(
        "ip",
        "netns",
        "exec",
        hosts.get(host),
        "tc",
        "qdisc",
        "add",
        "dev",
        interfaceOf(host),
        "root",
        "tbf",
        "rate",
        rate,
        "burst",
        "64kb",
        "latency",
        "100ms");
  }

  void stopLimiting(int host) throws IOException, InterruptedException {
    run(
        "ip",
        "netns",
        "exec",
        hosts.get(host),
        "tc",
        "qdisc",
        "del",
        "dev",
        interfaceOf(host),
        "root");
  }

  /** Ends the losses {@link #loseInbound} set up on host {@code host}. */
  void stopLosing(int host) throws IOException, InterruptedException {
    run("ip", "netns", "exec", hosts.get(host), "nft", "delete", "table", "inet", "loss");
  }

  /** Drops {@code percent} % of the UDP datagrams host {@code host} receives on these ports. */
  void loseInbound(int host, int percent, String ports) throws IOException, InterruptedException {
    String ns = hosts.get(host);
    run("ip", "netns", "exec", ns, "nft", "add", "table", "inet", "loss");
    run(
        "ip",
        "netns",
        "exec",
        ns,
        "nft",
        "add",
        "chain",
        "inet",
        "loss",
        "in",
        "{ type filter hook input priority 0; }");
    run(
        "ip",
        "netns",
        "exec",
        ns,
        "nft",
        "add",
        "rule",
        "inet",
        "loss",
        "in",
        "udp",
        "dport",
        ports,
        "numgen",
        "random",
        "mod",
        "100",
        "<",
        Integer.toString(percent),
        "drop");
  }

  /** Starts {@code command} on host {@code host}, its output going to {@code log}. */
  Process start(
      int host, Path workDir, Path log, Map<String, String> environment, List<String> command)
      throws IOException {
    List<String> inNamespace = new ArrayList<>(List.of("ip", "netns", "exec", hosts.get(host)));
    inNamespace.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(inNamespace)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("MONGODB_URI");
    builder.environment().remove("MCBT_SERVER");
    builder.environment().putAll(environment);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** Runs {@code command} on host {@code host} and returns its output; fails on a non-zero exit. */
  String exec(int host, String... command) throws IOException, InterruptedException {
    List<String> inNamespace = new ArrayList<>(List.of("ip", "netns", "exec", hosts.get(host)));
    inNamespace.addAll(List.of(command));
    return run(inNamespace.toArray(String[]::new));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (String ns : hosts) {
      try {
        String pids = run("ip", "netns", "pids", ns).strip();
        if (!pids.isEmpty()) {
          List<String> kill = new ArrayList<>(List.of("kill", "-9"));
          kill.addAll(List.of(pids.split("\\s+")));
          new ProcessBuilder(kill).start().waitFor();
        }
      } catch (IOException | InterruptedException e) {
        // removing the namespace below is what matters
      }
      quietly("ip", "netns", "del", ns);
    }
    quietly("ip", "link", "del", bridge());
  }

  private static void quietly(String... command) {
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      // best effort: nothing else can be done on the way out
    }
  }
}
