package io.mcbt.web.signal;

import io.mcbt.grouping.application.Outbound;
import io.mcbt.signal.SignalCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Which WebSocket session speaks for which peer; delivers the grouping service's messages. */
@ApplicationScoped
public class PeerSessions {
  private static final Logger LOG = Logger.getLogger(PeerSessions.class.getName());

  private final Map<String, Session> byPeer = new ConcurrentHashMap<>();
  private final Map<String, String> peerBySession = new ConcurrentHashMap<>();

  /** Binds a session to the peer id of its hello; false if another live session holds that id. */
  boolean bind(String peerId, Session session) {
    Session existing = byPeer.putIfAbsent(peerId, session);
    if (existing != null && existing != session && existing.isOpen()) {
      return false;
    }
    byPeer.put(peerId, session);
    peerBySession.put(session.getId(), peerId);
    return true;
  }

  String peerOf(Session session) {
    return peerBySession.get(session.getId());
  }

  /** Forgets a closed session; returns the peer it spoke for, if any. */
  String unbind(Session session) {
    String peerId = peerBySession.remove(session.getId());
    if (peerId != null) {
      byPeer.remove(peerId, session);
    }
    return peerId;
  }

  void deliver(@Observes Outbound message) {
    Session session = byPeer.get(message.peerId());
    if (session != null) {
      send(session, SignalCodec.encode(message.message()));
    }
  }

  /** Pings every peer, so the tracker keeps measuring its own RTT to each. */
  void pingAll() {
    byPeer.values().forEach(PeerSessions::ping);
  }

  static void ping(Session session) {
    synchronized (session) {
      if (!session.isOpen()) {
        return;
      }
      try {
        session
            .getBasicRemote()
            .sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime()));
      } catch (IOException | IllegalStateException e) {
        LOG.fine(() -> "could not ping session " + session.getId() + ": " + e);
      }
    }
  }

  /** One writer at a time per session: the container refuses overlapping sends. */
  static void send(Session session, String text) {
    synchronized (session) {
      if (!session.isOpen()) {
        return;
      }
      try {
        session.getBasicRemote().sendText(text);
      } catch (IOException | IllegalStateException e) {
        LOG.fine(() -> "could not send to session " + session.getId() + ": " + e);
      }
    }
  }
}
