package io.mcbt.web.signal;

import io.mcbt.grouping.application.SignalGateway;
import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import io.mcbt.web.ClientAddress;
import io.mcbt.web.operations.ErrorCounts;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * {@code /ws/peer}: peers say hello, report RTTs, progress and done; the grouping service answers
 * through {@link PeerSessions}. A malformed message gets an {@code error}; a session that keeps
 * sending them is closed with code 1008, and one over the size limit with 1009. A hello naming
 * torrents its address has not announced gets an {@code error} and code 1008 ({@link HelloGate}).
 */
@ServerEndpoint("/ws/peer")
public class PeerSocket {
  static final int MAX_ERRORS = 5;
  private static final Logger LOG = Logger.getLogger(PeerSocket.class.getName());
  private static final String ERRORS = "mcbt.errors";
  private static final String HELLO = "mcbt.hello";

  @Inject SignalGateway signalling;
  @Inject PeerSessions sessions;
  @Inject ErrorCounts errors;
  @Inject HelloGate gate;

  @OnOpen
  public void open(Session session) {
    session.getUserProperties().put(ERRORS, new AtomicInteger());
    session.setMaxIdleTimeout(0);
  }

  @OnMessage(maxMessageSize = SignalCodec.MAX_MESSAGE_CHARS)
  public void message(String text, Session session) {
    SignalMessage message;
    try {
      message = SignalCodec.decode(text);
    } catch (MalformedSignalException e) {
      refuse(session, e.getMessage());
      return;
    }
    String peerId = sessions.peerOf(session);
    if (message instanceof SignalMessage.Hello hello) {
      if (peerId != null) {
        refuse(session, "hello was already said on this connection");
      } else if (session.getUserProperties().putIfAbsent(HELLO, hello) != null) {
        refuse(session, "hello is being checked: wait for the answer");
      } else {
        String host = remoteHost(session);
        Optional<InetAddress> from = ClientAddress.parse(host);
        if (from.isEmpty()) {
          refuseAndClose(session, "the client address is not an IP address");
        } else {
          gate.check(
              hello,
              from.get(),
              () -> welcome(hello, host, session),
              reason -> refuseAndClose(session, reason));
        }
      }
    } else if (peerId == null) {
      refuse(session, "say hello first");
    } else if (message instanceof SignalMessage.RttReport report) {
      signalling.rttReport(peerId, report);
    } else if (message instanceof SignalMessage.Progress progress) {
      signalling.progress(peerId, progress);
    } else if (message instanceof SignalMessage.Done done) {
      signalling.done(peerId, done);
    } else if (message instanceof SignalMessage.SenderReport report) {
      signalling.senderReport(peerId, report);
    } else {
      refuse(
          session, "the tracker does not take " + message.getClass().getSimpleName() + " messages");
    }
  }

  private void welcome(SignalMessage.Hello hello, String host, Session session) {
    if (!session.isOpen()) {
      return;
    }
    if (!sessions.bind(hello.peerId(), session)) {
      session.getUserProperties().remove(HELLO);
      refuse(session, "peer id " + hello.peerId() + " is connected already");
      return;
    }
    signalling.hello(hello, host);
    PeerSessions.ping(session);
    if (!session.isOpen() && sessions.unbind(session) != null) {
      // Closed while it was being welcomed: its close handler may have run before the bind.
      signalling.left(hello.peerId());
    }
  }

  private void refuseAndClose(Session session, String reason) {
    errors.count(ErrorCounts.Kind.SIGNAL_REFUSED);
    PeerSessions.send(session, SignalCodec.encode(new SignalMessage.ErrorMessage(reason)));
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "announce first"));
    } catch (IOException e) {
      LOG.fine("closing a refused session: " + e);
    }
  }

  /** The tracker's own RTT to the peer: the pong carries back the ping's send time. */
  @OnMessage
  public void pong(PongMessage pong, Session session) {
    String peerId = sessions.peerOf(session);
    ByteBuffer payload = pong.getApplicationData();
    if (peerId != null && payload.remaining() == Long.BYTES) {
      signalling.trackerRtt(peerId, System.nanoTime() - payload.getLong(payload.position()));
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    String peerId = sessions.unbind(session);
    if (peerId != null) {
      signalling.left(peerId);
    }
  }

  @OnError
  public void error(Session session, Throwable failure) {
    LOG.fine(() -> "WebSocket " + session.getId() + ": " + failure);
  }

  private void refuse(Session session, String reason) {
    errors.count(ErrorCounts.Kind.SIGNAL_MALFORMED);
    PeerSessions.send(session, SignalCodec.encode(new SignalMessage.ErrorMessage(reason)));
    AtomicInteger errors = (AtomicInteger) session.getUserProperties().get(ERRORS);
    if (errors != null && errors.incrementAndGet() >= MAX_ERRORS) {
      try {
        session.close(
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many malformed messages"));
      } catch (IOException e) {
        LOG.fine("closing a misbehaving session: " + e);
      }
    }
  }

  /**
   * The address the connection came from, never one the peer claims. Jakarta WebSocket has no
   * portable way to ask; Payara's implementation (Tyrus) answers {@code getRemoteAddr()}.
   */
  static String remoteHost(Session session) {
    try {
      Object address = session.getClass().getMethod("getRemoteAddr").invoke(session);
      if (address != null) {
        return address.toString();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning("cannot read the remote address of WebSocket sessions: " + e);
    }
    throw new IllegalStateException("the WebSocket container does not give the peer's address");
  }
}
