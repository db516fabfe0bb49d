package io.mcbt.peer.session;

import io.mcbt.metainfo.MagnetLink;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.metainfo.Metainfo;
import io.mcbt.metainfo.MetainfoParser;
import io.mcbt.peer.tracker.Announce;
import io.mcbt.peer.tracker.TrackerClient;
import io.mcbt.peer.wire.PeerConnection;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.wire.Bencode;
import io.mcbt.wire.ExtensionHandshake;
import io.mcbt.wire.Handshake;
import io.mcbt.wire.MalformedMessageException;
import io.mcbt.wire.MetadataMessage;
import io.mcbt.wire.PeerMessage;
import io.mcbt.wire.PeerMessage.Extended;
import io.mcbt.wire.PeerWireCodec.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Fetches a magnet link's info dictionary from its peers (BEP 9 over BEP 10), before there is a
 * session: announces to the link's HTTP trackers as a peer with everything left, connects to the
 * peers they name, asks those that offer {@code ut_metadata} for its pieces, and returns the
 * torrent once the dictionary's SHA-1 is the link's info-hash.
 */
public final class MetadataFetch implements PeerConnection.Listener {
  /** Peers asked at once. */
  static final int MAX_CONNECTIONS = 8;

  /** Requests for metadata pieces kept in flight per peer. */
  static final int PIECES_IN_FLIGHT = 8;

  /** What we announce as left: the size is unknown until the metadata is there (BEP 9). */
  static final long LEFT_UNKNOWN = 1L << 50;

  static final Duration REANNOUNCE = Duration.ofSeconds(5);

  /** A bitfield of up to 8 Mi pieces, more than any torrent within the metadata bound. */
  private static final Limits LIMITS =
      new Limits(Limits.DEFAULT_MAX_BLOCK_LENGTH, 1 << 20, MetadataMessage.PIECE_BYTES + 1024);

  private final MagnetLink magnet;
  private final TrackerClient trackers;
  private final SessionConfig config;
  private final Consumer<String> log;
  private final Handshake handshake;
  private final MetadataAssembler assembler;
  private final Map<PeerConnection, Asked> peers = new LinkedHashMap<>();
  private final Set<InetSocketAddress> tried = new HashSet<>();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ExecutorService connector;
  private int connecting;

  /** What one peer offers and was asked for. */
  private static final class Asked {
    int utMetadataId;
    long size;
    final Set<Integer> pieces = new HashSet<>();
  }

  private MetadataFetch(
      MagnetLink magnet, TrackerClient trackers, SessionConfig config, Consumer<String> log) {
    this.magnet = magnet;
    this.trackers = trackers;
    this.config = config;
    this.log = log;
    this.handshake = new Handshake(Swarm.RESERVED, magnet.infoHash(), TorrentSession.newPeerId());
    this.assembler = new MetadataAssembler(magnet.infoHash());
    this.connector =
        Executors.newFixedThreadPool(
            MAX_CONNECTIONS,
            task -> {
              Thread thread = new Thread(task, "metadata-connect");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Fetches the metadata of {@code magnet} from the peers of its trackers.
   *
   * @param config the local address and the port we announce
   * @param timeout how long to try
   * @return the torrent: the fetched info dictionary, with the link's trackers
   * @throws IOException when the link names no HTTP tracker or no peer gave the metadata in time
   */
  public static Metainfo fetch(
      MagnetLink magnet,
      TrackerClient trackers,
      SessionConfig config,
      Duration timeout,
      Consumer<String> log)
      throws IOException, InterruptedException {
    List<URI> urls = httpTrackers(magnet.trackers());
    if (urls.isEmpty()) {
      throw new IOException(
          "the magnet link names no HTTP tracker (tr=), and there is no DHT here to find peers");
    }
    MetadataFetch fetch = new MetadataFetch(magnet, trackers, config, log);
    byte[] info = fetch.run(urls, System.nanoTime() + timeout.toNanos());
    return torrent(info, magnet);
  }

  private byte[] run(List<URI> urls, long deadlineNanos) throws IOException, InterruptedException {
    boolean announced = false;
    try {
      while (true) {
        boolean started = announce(urls, announced ? AnnounceEvent.NONE : AnnounceEvent.STARTED);
        announced |= started;
        long waitNanos = Math.min(REANNOUNCE.toNanos(), deadlineNanos - System.nanoTime());
        if (waitNanos <= 0) {
          throw new IOException(
              "no peer gave the metadata of " + magnet.infoHash() + " in time" + status());
        }
        try {
          return result.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // announce again: new peers may have come
        } catch (ExecutionException e) {
          throw new IOException(e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      connector.shutdownNow();
      closeAll();
      if (announced) {
        announce(urls, AnnounceEvent.STOPPED);
      }
    }
  }

  /** Announces to the first tracker that answers and dials the new peers it names. */
  private boolean announce(List<URI> urls, AnnounceEvent event) throws InterruptedException {
    Announce announce =
        new Announce(
            magnet.infoHash(),
            handshake.peerId(),
            config.port() == 0 ? SessionConfig.DEFAULT_PORT : config.port(),
            0,
            0,
            LEFT_UNKNOWN,
            event);
    for (URI url : urls) {
      try {
        List<PeerEndpoint> found = trackers.announce(url, announce).peers();
        if (event != AnnounceEvent.STOPPED) {
          found.forEach(peer -> dial(new InetSocketAddress(peer.inetAddress(), peer.port())));
        }
        return true;
      } catch (IOException e) {
        log.accept("announce to " + url + " failed: " + e.getMessage());
      }
    }
    return false;
  }

  private synchronized String status() {
    return " (" + tried.size() + " peers tried)";
  }

  private synchronized void dial(InetSocketAddress address) {
    if (result.isDone() || peers.size() + connecting >= MAX_CONNECTIONS || !tried.add(address)) {
      return;
    }
    connecting++;
    try {
      connector.execute(() -> connect(address));
    } catch (RejectedExecutionException e) {
      connecting--;
    }
  }

  private void connect(InetSocketAddress address) {
    PeerConnection connection = null;
    try {
      connection =
          PeerConnection.connect(config.bindAddress(), address, handshake, config.connectTimeout());
    } catch (IOException e) {
      log.accept("metadata: cannot reach " + address + ": " + e.getMessage());
    }
    synchronized (this) {
      connecting--;
      if (connection == null) {
        return;
      }
      if (result.isDone() || !connection.remote().supportsExtensionProtocol()) {
        connection.close();
        return;
      }
      peers.put(connection, new Asked());
      if (connection.remote().supportsFastExtension()) {
        connection.send(PeerMessage.HAVE_NONE); // BEP 6: have none, all or a bitfield comes first
      }
      connection.send(
          new Extended(
              0,
              new ExtensionHandshake(
                      Map.of(ExtensionHandshake.UT_METADATA, Extensions.UT_METADATA_ID),
                      OptionalLong.empty(),
                      OptionalInt.empty(),
                      Optional.of(Extensions.CLIENT),
                      OptionalInt.empty())
                  .encode()));
      connection.start(this, LIMITS);
    }
  }

  @Override
  public synchronized void onMessage(PeerConnection connection, PeerMessage message) {
    Asked asked = peers.get(connection);
    if (asked == null || !(message instanceof Extended extended)) {
      return; // have, bitfield, choke: nothing we need before the metadata
    }
    try {
      if (extended.extendedId() == 0) {
        handshake(connection, asked, ExtensionHandshake.decode(extended.payload()));
      } else if (extended.extendedId() == Extensions.UT_METADATA_ID) {
        metadata(connection, asked, MetadataMessage.decode(extended.payload()));
      }
    } catch (MalformedMessageException e) {
      log.accept("metadata: dropping " + connection.address() + ": " + e.getMessage());
      connection.close();
    }
  }

  private void handshake(PeerConnection connection, Asked asked, ExtensionHandshake theirs) {
    asked.utMetadataId = theirs.idOf(ExtensionHandshake.UT_METADATA).orElse(0);
    OptionalLong size = theirs.metadataSize();
    if (asked.utMetadataId == 0
        || size.isEmpty()
        || size.getAsLong() <= 0
        || size.getAsLong() > MetadataAssembler.MAX_METADATA_BYTES) {
      if (size.isPresent() && size.getAsLong() > MetadataAssembler.MAX_METADATA_BYTES) {
        log.accept(
            "metadata: "
                + connection.address()
                + " states "
                + size.getAsLong()
                + " bytes of metadata, over the limit of "
                + MetadataAssembler.MAX_METADATA_BYTES);
      }
      connection.close(); // it cannot give us the metadata
      return;
    }
    asked.size = size.getAsLong();
    if (assembler.offerSize(asked.size)) {
      askMore(connection, asked);
    }
    // Else another size is in use; this peer waits, in case that one proves a lie.
  }

  private void metadata(PeerConnection connection, Asked asked, MetadataMessage message) {
    switch (message.type()) {
      case REQUEST ->
          connection.send(
              new Extended(asked.utMetadataId, MetadataMessage.reject(message.piece()).encode()));
      case REJECT -> connection.close(); // it has not got it all; others may
      case DATA -> {
        asked.pieces.remove(message.piece());
        switch (assembler.receive(connection, message)) {
          case COMPLETE -> result.complete(assembler.infoBytes());
          case CORRUPT -> {
            log.accept("metadata: the pieces did not hash to " + magnet.infoHash() + "; again");
            for (Object sender : assembler.takeContributors()) {
              PeerConnection liar = (PeerConnection) sender;
              liar.close();
              peers.remove(liar);
            }
            restart();
          }
          case STORED, REFUSED -> askMore(connection, asked);
        }
      }
    }
  }

  /** Keeps {@link #PIECES_IN_FLIGHT} requests with the peer: pieces nobody was asked for first. */
  private void askMore(PeerConnection connection, Asked asked) {
    if (asked.size <= 0 || !assembler.offerSize(asked.size)) {
      return; // it has another size than the one in use
    }
    Set<Integer> askedOfOthers = new HashSet<>();
    peers.values().forEach(other -> askedOfOthers.addAll(other.pieces));
    for (boolean fresh : new boolean[] {true, false}) {
      for (int piece = assembler.nextMissing(0);
          piece >= 0 && asked.pieces.size() < PIECES_IN_FLIGHT;
          piece = assembler.nextMissing(piece + 1)) {
        if (!asked.pieces.contains(piece) && (!fresh || !askedOfOthers.contains(piece))) {
          asked.pieces.add(piece);
          connection.send(
              new Extended(asked.utMetadataId, MetadataMessage.request(piece).encode()));
        }
      }
    }
  }

  /** After a corrupt dictionary: the size of a remaining peer, and its pieces, from scratch. */
  private void restart() {
    for (Map.Entry<PeerConnection, Asked> entry : peers.entrySet()) {
      Asked asked = entry.getValue();
      asked.pieces.clear();
      if (asked.size > 0 && assembler.offerSize(asked.size)) {
        askMore(entry.getKey(), asked);
      }
    }
  }

  @Override
  public synchronized void onClosed(PeerConnection connection, Exception cause) {
    if (peers.remove(connection) != null && !result.isDone()) {
      for (Map.Entry<PeerConnection, Asked> other : peers.entrySet()) {
        if (other.getValue().size > 0 && assembler.offerSize(other.getValue().size)) {
          askMore(other.getKey(), other.getValue());
        }
      }
    }
  }

  private synchronized void closeAll() {
    for (PeerConnection connection : new ArrayList<>(peers.keySet())) {
      connection.close();
    }
  }

  private static List<URI> httpTrackers(List<String> trackers) {
    List<URI> urls = new ArrayList<>();
    for (String tracker : trackers) {
      if (tracker.toLowerCase(Locale.ROOT).startsWith("http")) {
        try {
          urls.add(URI.create(tracker));
        } catch (IllegalArgumentException e) {
          // not a URL; the other trackers may do
        }
      }
    }
    return urls;
  }

  /**
   * A .torrent around the fetched dictionary, which goes in byte for byte (its hash is the
   * info-hash), with the link's trackers as {@code announce} and {@code announce-list} (BEP 12).
   */
  static Metainfo torrent(byte[] info, MagnetLink magnet) throws IOException {
    Map<String, Object> outer = new TreeMap<>();
    if (!magnet.trackers().isEmpty()) {
      outer.put("announce", magnet.trackers().get(0));
      List<Object> tiers = new ArrayList<>();
      magnet.trackers().forEach(url -> tiers.add(List.of(url)));
      outer.put("announce-list", tiers);
    }
    byte[] head = Bencode.encode(outer); // "d...e": "info" sorts after both keys
    ByteArrayOutputStream torrent = new ByteArrayOutputStream(head.length + info.length + 8);
    torrent.write(head, 0, head.length - 1);
    torrent.writeBytes("4:info".getBytes(StandardCharsets.US_ASCII));
    torrent.writeBytes(info);
    torrent.write('e');
    try {
      Metainfo metainfo = MetainfoParser.parse(torrent.toByteArray());
      if (!metainfo.infoHash().equals(magnet.infoHash())) {
        throw new IOException("the metadata hashes to " + metainfo.infoHash());
      }
      return metainfo;
    } catch (MalformedTorrentException e) {
      throw new IOException("the peers' metadata is not a usable torrent: " + e.getMessage(), e);
    }
  }
}
