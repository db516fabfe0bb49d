package io.mcbt.peer.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code seed} and {@code get} take part in the tracker's multicast groups. */
final class GroupOptions {
  @Option(
      names = "--no-multicast",
      description = "Do not join multicast groups: the peer wire protocol only.")
  boolean off;

  @Option(
      names = "--control-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "The UDP port that answers RTT probes (default: any free port).")
  int controlPort;

  @Option(
      names = "--group-timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "How long get waits for a multicast group (default: ${DEFAULT-VALUE} s).")
  long groupTimeoutSeconds;

  Duration groupTimeout() {
    return Duration.ofSeconds(Math.max(0, groupTimeoutSeconds));
  }
}
