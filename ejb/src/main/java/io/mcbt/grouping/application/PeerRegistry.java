package io.mcbt.grouping.application;

import com.hazelcast.map.IMap;
import io.mcbt.platform.Grid;
import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Which peer is connected to which instance of the cluster, and what its hello said: in a data-grid
 * map written by the instance that holds the peer's WebSocket, so that an instance taking
 * coordination over knows every peer, and knows whose instance died.
 */
@ApplicationScoped
public class PeerRegistry {
  private static final Logger LOG = Logger.getLogger(PeerRegistry.class.getName());
  private static final String MAP = "mcbt.grouping.peers";

  @Inject Grid grid;

  /**
   * A peer on some instance.
   *
   * @param peer what its hello said, and where it came from
   * @param instance the member id of the instance holding its WebSocket
   */
  record Entry(ConnectedPeer peer, String instance) {}

  /** What this instance wrote for each of its peers, to remove exactly that and nothing newer. */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  void connected(SignalMessage.Hello hello, String host) {
    String entry =
        new Document("hello", SignalCodec.encode(hello))
            .append("host", host)
            .append("instance", grid.localMemberId())
            .toJson();
    written.put(hello.peerId(), entry);
    peers().set(hello.peerId(), entry);
  }

  /** Forgets the peer, unless it has connected to another instance since. */
  void disconnected(String peerId) {
    String entry = written.remove(peerId);
    if (entry != null) {
      peers().remove(peerId, entry);
    }
  }

  /** The instance that holds the peer's WebSocket now. */
  Optional<String> instanceOf(String peerId) {
    return Optional.ofNullable(peers().get(peerId))
        .flatMap(PeerRegistry::read)
        .map(Entry::instance);
  }

  List<Entry> all() {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, String> entry : peers().entrySet()) {
      read(entry.getValue()).ifPresent(entries::add);
    }
    return entries;
  }

  void forget(String peerId) {
    peers().remove(peerId);
  }

  private IMap<String, String> peers() {
    return grid.hazelcast().getMap(MAP);
  }

  private static Optional<Entry> read(String text) {
    try {
      Document doc = Document.parse(text);
      SignalMessage hello = SignalCodec.decode(doc.getString("hello"));
      if (hello instanceof SignalMessage.Hello h) {
        return Optional.of(
            new Entry(ConnectedPeer.of(h, doc.getString("host")), doc.getString("instance")));
      }
    } catch (MalformedSignalException | RuntimeException e) {
      LOG.warning("Skipped a malformed peer entry: " + e.getMessage());
    }
    return Optional.empty();
  }
}
