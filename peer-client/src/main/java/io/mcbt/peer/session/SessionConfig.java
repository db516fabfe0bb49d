package io.mcbt.peer.session;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How a session meets peers.
 *
 * @param bindAddress where to listen for peers, and the source of outgoing connections unless it is
 *     the wildcard
 * @param port the TCP port to listen on; 0 for any free port
 * @param maxPeers connections at most, incoming and outgoing together
 * @param connectTimeout for a TCP connect and for the peer's handshake
 */
public record SessionConfig(
    InetAddress bindAddress, int port, int maxPeers, Duration connectTimeout) {
  public static final int DEFAULT_PORT = 6881;
  public static final int DEFAULT_MAX_PEERS = 30;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public SessionConfig {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxPeers < 1) {
      throw new IllegalArgumentException("at least one peer");
    }
  }

  /** Listening on {@code bindAddress}:{@code port} with the default limits. */
  public static SessionConfig of(InetAddress bindAddress, int port) {
    return new SessionConfig(bindAddress, port, DEFAULT_MAX_PEERS, DEFAULT_CONNECT_TIMEOUT);
  }
}
