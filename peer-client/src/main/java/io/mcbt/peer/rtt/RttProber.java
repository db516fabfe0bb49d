package io.mcbt.peer.rtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures the RTT to a peer's control port: sends {@code count} probes a few milliseconds apart
 * and keeps the minimum (the path's own delay, free of queueing) and the median.
 */
public final class RttProber {
  /**
   * What the probes measured.
   *
   * @param minRttNs the fastest echo
   * @param medianRttNs the median of the echoes that came back
   * @param answered how many of the probes were echoed
   */
  public record Result(long minRttNs, long medianRttNs, int answered) {}

  private final int count;
  private final Duration spacing;
  private final Duration timeout;

  public RttProber(int count, Duration spacing, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one probe");
    }
    this.count = count;
    this.spacing = spacing;
    this.timeout = timeout;
  }

  /** Empty when no probe came back within the timeout. */
  public Optional<Result> probe(InetSocketAddress target) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open();
        Selector selector = Selector.open()) {
      channel.connect(target);
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      long[] rtts = new long[count];
      int answered = 0;
      ByteBuffer out = ByteBuffer.allocate(ProbePacket.LENGTH);
      ByteBuffer in = ByteBuffer.allocate(64);
      long deadline = System.nanoTime() + timeout.toNanos() + spacing.toNanos() * count;
      int sent = 0;
      long nextSend = System.nanoTime();
      while (answered < count && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        if (sent < count && now >= nextSend) {
          out.clear();
          new ProbePacket(false, sent++, now).encode(out);
          try {
            channel.write(out.flip());
          } catch (IOException unreachable) {
            // The port refused (ICMP): keep trying until the timeout, as the others may arrive.
          }
          nextSend = now + spacing.toNanos();
        }
        long wait =
            Math.max(1, ((sent < count ? nextSend : deadline) - System.nanoTime()) / 1_000_000);
        if (selector.select(wait) > 0) {
          selector.selectedKeys().clear();
          answered = readEchoes(channel, in, rtts, answered);
        }
      }
      return answered == 0 ? Optional.empty() : Optional.of(result(rtts, answered));
    }
  }

  private int readEchoes(DatagramChannel channel, ByteBuffer in, long[] rtts, int answered)
      throws IOException {
    while (true) {
      in.clear();
      try {
        if (channel.receive(in) == null) {
          return answered;
        }
      } catch (IOException unreachable) {
        return answered;
      }
      long now = System.nanoTime();
      in.flip();
      Optional<ProbePacket> echo = ProbePacket.decode(in);
      if (echo.isPresent() && echo.get().echo() && answered < rtts.length) {
        rtts[answered++] = now - echo.get().sentAtNs();
      }
    }
  }

  private static Result result(long[] rtts, int answered) {
    long[] sorted = Arrays.copyOf(rtts, answered);
    Arrays.sort(sorted);
    OptionalLong min = Arrays.stream(sorted).min();
    return new Result(min.orElseThrow(), sorted[(answered - 1) / 2], answered);
  }
}
