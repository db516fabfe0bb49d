package io.mcbt.peer.rtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

/**
 * Answers RTT probes on the control port: one thread, one socket, two reused buffers. Anything that
 * is not a probe is ignored, so the port can carry other control traffic later.
 */
public final class EchoResponder implements AutoCloseable {
  private final DatagramChannel channel;
  private final Thread thread;

  private EchoResponder(DatagramChannel channel) {
    this.channel = channel;
    this.thread = new Thread(this::serve, "rtt-echo");
    this.thread.setDaemon(true);
  }

  /** Starts answering on {@code address} (port 0 picks a free one). */
  public static EchoResponder start(InetSocketAddress address) throws IOException {
    EchoResponder responder = new EchoResponder(DatagramChannel.open().bind(address));
    responder.thread.start();
    return responder;
  }

  public int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(64);
    ByteBuffer out = ByteBuffer.allocate(ProbePacket.LENGTH);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        Optional<ProbePacket> probe = ProbePacket.decode(in);
        if (probe.isPresent() && !probe.get().echo()) {
          out.clear();
          probe.get().asEcho().encode(out);
          channel.send(out.flip(), from);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // One bad exchange (e.g. an ICMP unreachable surfacing) must not stop the responder.
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
