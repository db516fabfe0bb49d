package io.mcbt.peer.cli;

import io.mcbt.peer.transfer.SenderSettings;
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

  @Option(
      names = "--multicast-interface",
      paramLabel = "NAME",
      description =
          "The network interface for multicast (default: the one that reaches the server).")
  String multicastInterface;

  @Option(
      names = "--rate",
      paramLabel = "BYTES",
      description =
          "As a multicast sender, never send faster than this many bytes a second (e.g. 50M);"
              + " the tracker's ceiling applies too.")
  String rate;

  @Option(
      names = "--block-size",
      paramLabel = "BYTES",
      defaultValue = "0",
      description =
          "As a multicast sender, the payload bytes per datagram (default: what the interface's"
              + " MTU allows, 1424 on Ethernet).")
  int blockSize;

  @Option(
      names = "--coding-group",
      paramLabel = "BLOCKS",
      defaultValue = "64",
      description =
          "As a multicast sender, blocks per Reed-Solomon coding group for repairs (0: resend"
              + " lost blocks instead; default: ${DEFAULT-VALUE}).")
  int codingGroup;

  SenderSettings senderSettings() {
    SenderSettings defaults = SenderSettings.defaults();
    return new SenderSettings(
        blockSize,
        codingGroup,
        defaults.rateCeilingBytesPerSecond(),
        defaults.maxRounds(),
        defaults.lossThreshold(),
        defaults.startWait());
  }

  Duration groupTimeout() {
    return Duration.ofSeconds(Math.max(0, groupTimeoutSeconds));
  }
}
