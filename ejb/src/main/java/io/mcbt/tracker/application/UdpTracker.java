package io.mcbt.tracker.application;

import com.hazelcast.map.IMap;
import io.mcbt.platform.Grid;
import io.mcbt.tracker.udp.ConnectionIds;
import io.mcbt.tracker.udp.UdpTrackerCodec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The UDP tracker (BEP 15) on {@code mcbt.tracker.udp-port}: one thread receives each packet,
 * answers it through {@link UdpTrackerHandler} and the shared {@link SwarmService}, and reuses its
 * two buffers. A port already in use is logged and the server runs on without UDP.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UdpTracker {
  private static final Logger LOG = Logger.getLogger(UdpTracker.class.getName());
  private static final int MAX_PACKET_BYTES = 2048;

  @Inject SwarmService swarms;
  @Inject TrackerSettings settings;
  @Inject TrackerGate gate;
  @Inject Grid grid;
  @Resource ManagedThreadFactory threads;

  private DatagramChannel channel;
  private Thread receiver;

  @PostConstruct
  void start() {
    if (settings.udpPort() <= 0) {
      LOG.info("UDP tracker off (mcbt.tracker.udp-port is 0)");
      return;
    }
    InetSocketAddress address = new InetSocketAddress(settings.udpAddress(), settings.udpPort());
    try {
      channel = DatagramChannel.open().bind(address);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "UDP tracker not started: cannot bind " + address + ": " + e, e);
      return;
    }
    UdpTrackerHandler handler =
        new UdpTrackerHandler(
            swarms::announce,
            swarms::scrape,
            new ConnectionIds(connectionIdSecret()),
            gate::admitUdp,
            settings.numWantDefault(),
            settings.numWantMax());
    receiver = threads.newThread(() -> serve(handler));
    receiver.setName("udp-tracker");
    receiver.start();
    LOG.info(
        () ->
            "UDP tracker listening on udp://" + address.getHostString() + ":" + address.getPort());
  }

  /** One secret for the whole cluster, so that every instance accepts every instance's ids. */
  private byte[] connectionIdSecret() {
    if (!grid.clustered()) {
      return ConnectionIds.newSecret();
    }
    String mine = Base64.getEncoder().encodeToString(ConnectionIds.newSecret());
    IMap<String, String> secrets = grid.hazelcast().getMap("mcbt.tracker.secrets");
    String shared = secrets.putIfAbsent("udp-connection-ids", mine);
    return Base64.getDecoder().decode(shared == null ? mine : shared);
  }

  private void serve(UdpTrackerHandler handler) {
    ByteBuffer in = ByteBuffer.allocate(MAX_PACKET_BYTES);
    ByteBuffer out = ByteBuffer.allocate(UdpTrackerCodec.MAX_RESPONSE_BYTES);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        out.clear();
        if (from instanceof InetSocketAddress client
            && handler.handle(in, client, System.nanoTime(), out)) {
          out.flip();
          channel.send(out, client);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "UDP tracker: packet dropped: " + e, e);
      }
    }
  }

  @PreDestroy
  void stop() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.fine("closing the UDP tracker: " + e);
      }
    }
    if (receiver != null) {
      receiver.interrupt();
    }
  }
}
