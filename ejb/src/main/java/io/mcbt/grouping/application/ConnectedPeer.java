package io.mcbt.grouping.application;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;
import java.util.Set;

/**
 * A peer on the signalling channel, as its {@code hello} described it.
 *
 * @param peerId its name
 * @param host the address its WebSocket came from
 * @param dataPort its BitTorrent port
 * @param controlPort its UDP port for RTT probes and NACKs
 * @param canMulticast whether it can receive multicast
 * @param wants torrents it downloads
 * @param holds torrents it has whole, and can send
 */
record ConnectedPeer(
    String peerId,
    String host,
    int dataPort,
    int controlPort,
    boolean canMulticast,
    Set<InfoHash> wants,
    Set<InfoHash> holds) {

  static ConnectedPeer of(SignalMessage.Hello hello, String host) {
    return new ConnectedPeer(
        hello.peerId(),
        host,
        hello.dataPort(),
        hello.controlPort(),
        hello.canMulticast(),
        Set.copyOf(hello.wants()),
        Set.copyOf(hello.holds()));
  }

  SignalMessage.Endpoint endpoint() {
    return new SignalMessage.Endpoint(peerId, host, controlPort);
  }
}
