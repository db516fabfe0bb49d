package io.mcbt.tracker.swarm;

import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceReply;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import io.mcbt.tracker.ScrapeCounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent. Seeders and leechers are kept apart, so that a seeder is sent only
 * leechers (it needs nothing from other seeders) and a random sample costs O(numwant), not O(swarm
 * size). All methods lock the swarm; no method blocks or does I/O.
 */
public final class Swarm {
  private static final byte[] REGISTERED_PREFIX = "-MCBTRG-".getBytes(StandardCharsets.US_ASCII);

  private final Map<PeerId, SwarmPeer> byId = new HashMap<>();
  private final PeerList seeders = new PeerList();
  private final PeerList leechers = new PeerList();
  private long downloaded;
  private long unflushedDownloads;
  private boolean retired;

  Swarm(long downloadedSoFar) {
    this.downloaded = downloadedSoFar;
  }

  /** What an announce changed and what to answer. */
  public record Outcome(List<AnnounceReply.Peer> peers, int seeders, int leechers) {}

  /**
   * Records an announce and picks up to {@code numWant} other peers at random.
   *
   * @return null if this swarm was retired meanwhile; the caller retries on a fresh one
   */
  synchronized Outcome announce(AnnounceRequest request, long nowNs, RandomGenerator random) {
    if (retired) {
      return null;
    }
    SwarmPeer peer = byId.get(request.peerId());
    removeRegisteredStandIn(request.endpoint());
    if (request.event() == AnnounceEvent.STOPPED) {
      if (peer != null) {
        remove(peer);
      }
      return new Outcome(List.of(), seeders.size(), leechers.size());
    }
    boolean wasLeecher = peer != null && !peer.isSeeder();
    if (peer == null) {
      peer = new SwarmPeer(request.peerId(), request.endpoint(), request.left(), nowNs, false);
      byId.put(peer.id, peer);
      listOf(peer).add(peer);
    } else {
      update(peer, request, nowNs);
    }
    if (request.event() == AnnounceEvent.COMPLETED && wasLeecher && peer.isSeeder()) {
      downloaded++;
      unflushedDownloads++;
    }
    return new Outcome(sample(peer, request.numWant(), random), seeders.size(), leechers.size());
  }

  /**
   * Adds a seeder that the index vouches for, so leechers find it before its first announce. It
   * stands in until a real announce comes from the same address and port.
   */
  synchronized boolean register(PeerEndpoint seeder, long nowNs) {
    if (retired) {
      return false;
    }
    PeerId id = standInId(seeder);
    SwarmPeer existing = byId.get(id);
    if (existing != null) {
      existing.lastSeenNs = nowNs;
      return true;
    }
    for (SwarmPeer peer : byId.values()) {
      if (!peer.registered && peer.endpoint.equals(seeder)) {
        return true;
      }
    }
    SwarmPeer standIn = new SwarmPeer(id, seeder, 0, nowNs, true);
    byId.put(id, standIn);
    seeders.add(standIn);
    return true;
  }

  /** Drops peers not heard from since {@code nowNs - maxAgeNs} (stand-ins after their own age). */
  synchronized int expire(long nowNs, long maxAgeNs, long registeredMaxAgeNs) {
    List<SwarmPeer> stale = new ArrayList<>();
    for (SwarmPeer peer : byId.values()) {
      long age = nowNs - peer.lastSeenNs;
      if (age > (peer.registered ? registeredMaxAgeNs : maxAgeNs)) {
        stale.add(peer);
      }
    }
    stale.forEach(this::remove);
    return stale.size();
  }

  /** Marks an empty swarm as gone, so that it can be dropped from the registry safely. */
  synchronized boolean retireIfEmpty() {
    if (byId.isEmpty() && unflushedDownloads == 0) {
      retired = true;
    }
    return retired;
  }

  synchronized ScrapeCounts counts() {
    return new ScrapeCounts(seeders.size(), downloaded, leechers.size());
  }

  /** Completed downloads not yet written to the store; the count is reset. */
  synchronized long takeUnflushedDownloads() {
    long count = unflushedDownloads;
    unflushedDownloads = 0;
    return count;
  }

  /** Gives back downloads that could not be written, to be tried again. */
  synchronized boolean restoreUnflushedDownloads(long count) {
    if (retired) {
      return false;
    }
    unflushedDownloads += count;
    return true;
  }

  synchronized int size() {
    return byId.size();
  }

  private void update(SwarmPeer peer, AnnounceRequest request, long nowNs) {
    boolean wasSeeder = peer.isSeeder();
    peer.left = request.left();
    peer.endpoint = request.endpoint();
    peer.lastSeenNs = nowNs;
    if (wasSeeder != peer.isSeeder()) {
      (wasSeeder ? seeders : leechers).remove(peer);
      listOf(peer).add(peer);
    }
  }

  private void removeRegisteredStandIn(PeerEndpoint endpoint) {
    SwarmPeer standIn = byId.get(standInId(endpoint));
    if (standIn != null) {
      remove(standIn);
    }
  }

  private void remove(SwarmPeer peer) {
    byId.remove(peer.id);
    listOf(peer).remove(peer);
  }

  private PeerList listOf(SwarmPeer peer) {
    return peer.isSeeder() ? seeders : leechers;
  }

  /**
   * Up to {@code wanted} distinct peers other than {@code asker}, uniformly at random (Floyd's
   * sampling over the seeders and leechers as one sequence without the asker; a seeder is offered
   * leechers only).
   */
  private List<AnnounceReply.Peer> sample(SwarmPeer asker, int wanted, RandomGenerator random) {
    int seederCount = asker.isSeeder() ? 0 : seeders.size();
    int total = seederCount + leechers.size();
    int askerIndex = asker.isSeeder() ? total : seederCount + asker.slot;
    int others = asker.isSeeder() ? total : total - 1;
    int count = Math.min(wanted, others);
    if (count <= 0) {
      return List.of();
    }
    List<AnnounceReply.Peer> picked = new ArrayList<>(count);
    if (count == others) {
      for (int i = 0; i < total; i++) {
        addUnlessAsker(picked, peerAt(i, seederCount), asker);
      }
    } else {
      for (int index : DistinctSample.of(count, others, random)) {
        addUnlessAsker(picked, peerAt(index < askerIndex ? index : index + 1, seederCount), asker);
      }
    }
    return picked;
  }

  private SwarmPeer peerAt(int index, int seederCount) {
    return index < seederCount ? seeders.get(index) : leechers.get(index - seederCount);
  }

  private static void addUnlessAsker(
      List<AnnounceReply.Peer> picked, SwarmPeer peer, SwarmPeer asker) {
    if (peer != asker) {
      picked.add(new AnnounceReply.Peer(peer.id, peer.endpoint));
    }
  }

  /** A stable 20-byte id for a registered seeder, recognisable in dictionary-model replies. */
  static PeerId standInId(PeerEndpoint endpoint) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(endpoint.address());
      sha1.update((byte) (endpoint.port() >>> 8));
      sha1.update((byte) endpoint.port());
      byte[] id = Arrays.copyOf(REGISTERED_PREFIX, PeerId.LENGTH);
      System.arraycopy(
          sha1.digest(), 0, id, REGISTERED_PREFIX.length, id.length - REGISTERED_PREFIX.length);
      return new PeerId(id);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
