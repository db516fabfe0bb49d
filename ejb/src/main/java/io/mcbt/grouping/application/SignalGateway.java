package io.mcbt.grouping.application;

import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.mcbt.grouping.Group;
import io.mcbt.platform.Grid;
import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Where the WebSocket layer hands over what peers say, and where the grouping service's answers go
 * out. A single instance passes both straight through. In a cluster one instance, the coordinator
 * ({@link Grid#coordinates()}), forms and runs every group: the others forward what their peers say
 * to it over a data-grid topic, and its answers come back over another topic to whichever instance
 * holds the peer's WebSocket. {@link Coordination} hands coordination over when the coordinator
 * goes away.
 */
@ApplicationScoped
public class SignalGateway {
  private static final Logger LOG = Logger.getLogger(SignalGateway.class.getName());
  private static final String INBOUND = "mcbt.grouping.inbound";
  private static final String OUTBOUND = "mcbt.grouping.outbound";

  @Inject Grid grid;
  @Inject Signalling signalling;
  @Inject PeerRegistry registry;
  @Inject Coordination coordination;
  @Inject Event<Outbound> outbound;

  private volatile ITopic<String> inboundTopic;
  private volatile ITopic<String> outboundTopic;

  /** Joins the cluster's topics; does nothing on a single instance. */
  synchronized void start() {
    if (!grid.clustered() || inboundTopic != null) {
      return;
    }
    ITopic<String> in = grid.hazelcast().getTopic(INBOUND);
    ITopic<String> out = grid.hazelcast().getTopic(OUTBOUND);
    in.addMessageListener(this::forwarded);
    out.addMessageListener(this::relayed);
    inboundTopic = in;
    outboundTopic = out;
  }

  public void hello(SignalMessage.Hello hello, String host) {
    if (inboundTopic == null) {
      signalling.hello(hello, host);
      return;
    }
    registry.connected(hello, host);
    forward("hello", hello.peerId(), host, SignalCodec.encode(hello), 0);
  }

  public void rttReport(String peerId, SignalMessage.RttReport report) {
    if (inboundTopic == null) {
      signalling.rttReport(peerId, report);
    } else {
      forward("message", peerId, "", SignalCodec.encode(report), 0);
    }
  }

  public void progress(String peerId, SignalMessage.Progress progress) {
    if (inboundTopic == null) {
      signalling.progress(peerId, progress);
    } else {
      forward("message", peerId, "", SignalCodec.encode(progress), 0);
    }
  }

  public void done(String peerId, SignalMessage.Done done) {
    if (inboundTopic == null) {
      signalling.done(peerId, done);
    } else {
      forward("message", peerId, "", SignalCodec.encode(done), 0);
    }
  }

  public void senderReport(String peerId, SignalMessage.SenderReport report) {
    if (inboundTopic == null) {
      signalling.senderReport(peerId, report);
    } else {
      forward("message", peerId, "", SignalCodec.encode(report), 0);
    }
  }

  public void trackerRtt(String peerId, long rttNs) {
    if (inboundTopic == null) {
      signalling.trackerRtt(peerId, rttNs);
    } else {
      forward("trackerRtt", peerId, "", "", rttNs);
    }
  }

  /** The peer's WebSocket on this instance closed. */
  public void left(String peerId) {
    if (inboundTopic == null) {
      signalling.left(peerId);
      return;
    }
    registry.disconnected(peerId);
    forward("left", peerId, "", "", 0);
  }

  /** The groups running now, wherever they are coordinated. */
  public List<Group> activeGroups() {
    return coordination.activeGroups();
  }

  public Optional<Group> group(long sessionId) {
    return activeGroups().stream().filter(group -> group.sessionId() == sessionId).findFirst();
  }

  public Optional<Long> trackerRttNs(String peerId) {
    return signalling.trackerRttNs(peerId);
  }

  /** The coordinator's answers go to every instance; each delivers to the peers it holds. */
  void relay(@Observes Outbound message) {
    ITopic<String> out = outboundTopic;
    if (out != null && !message.relayed()) {
      out.publish(
          new Document("peer", message.peerId())
              .append("message", SignalCodec.encode(message.message()))
              .toJson());
    }
  }

  private void forward(String kind, String peerId, String host, String message, long rttNs) {
    inboundTopic.publish(
        new Document("kind", kind)
            .append("peer", peerId)
            .append("host", host)
            .append("instance", grid.localMemberId())
            .append("message", message)
            .append("rttNs", rttNs)
            .toJson());
  }

  private void forwarded(Message<String> message) {
    if (!coordination.coordinating()) {
      return;
    }
    try {
      Document doc = Document.parse(message.getMessageObject());
      String peerId = doc.getString("peer");
      switch (doc.getString("kind")) {
        case "hello" -> {
          if (SignalCodec.decode(doc.getString("message")) instanceof SignalMessage.Hello hello) {
            signalling.hello(hello, doc.getString("host"));
          }
        }
        case "message" -> dispatch(peerId, SignalCodec.decode(doc.getString("message")));
        case "trackerRtt" ->
            signalling.trackerRtt(peerId, doc.get("rttNs", Number.class).longValue());
        case "left" -> {
          // A peer may have reconnected to another instance before its old socket closed here.
          Optional<String> holder = registry.instanceOf(peerId);
          if (holder.isEmpty() || holder.get().equals(doc.getString("instance"))) {
            signalling.left(peerId);
          }
        }
        default -> LOG.warning("Unknown forwarded signal " + doc.getString("kind"));
      }
    } catch (MalformedSignalException | RuntimeException e) {
      LOG.warning("Dropped a forwarded signal: " + e);
    }
  }

  private void dispatch(String peerId, SignalMessage message) {
    if (message instanceof SignalMessage.RttReport report) {
      signalling.rttReport(peerId, report);
    } else if (message instanceof SignalMessage.Progress progress) {
      signalling.progress(peerId, progress);
    } else if (message instanceof SignalMessage.Done done) {
      signalling.done(peerId, done);
    } else if (message instanceof SignalMessage.SenderReport report) {
      signalling.senderReport(peerId, report);
    }
  }

  private void relayed(Message<String> message) {
    if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
      return;
    }
    try {
      Document doc = Document.parse(message.getMessageObject());
      outbound.fire(
          new Outbound(doc.getString("peer"), SignalCodec.decode(doc.getString("message")), true));
    } catch (MalformedSignalException | RuntimeException e) {
      LOG.warning("Dropped a relayed signal: " + e);
    }
  }
}
