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
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent, in a {@link PeerTable} of primitive columns. Seeders and leechers are
 * kept apart, so that a seeder is sent only leechers (it needs nothing from other seeders) and a
 * random sample costs O(numwant), not O(swarm size). All methods lock the swarm; no method blocks
 * or does I/O.
 */
public final class Swarm {
  private static final byte[] REGISTERED_PREFIX = "-MCBTRG-".getBytes(StandardCharsets.US_ASCII);

  private final PeerTable peers = new PeerTable();

  /** Registered seeders not yet replaced by their own announce. */
  private int standIns;

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
    int peer = record(request, nowNs, true);
    if (peer == PeerTable.NONE) {
      return new Outcome(List.of(), peers.seeders(), peers.leechers());
    }
    return new Outcome(sample(peer, request.numWant(), random), peers.seeders(), peers.leechers());
  }

  /**
   * Records an announce that another instance of the cluster answered. Its completion counts for
   * scrapes here, but only the instance that answered it writes it to the store.
   *
   * @return false if this swarm was retired meanwhile; the caller retries on a fresh one
   */
  synchronized boolean replay(AnnounceRequest request, long nowNs) {
    if (retired) {
      return false;
    }
    record(request, nowNs, false);
    return true;
  }

  /** The peer's slot after the announce, or {@link PeerTable#NONE} if it stopped. */
  private int record(AnnounceRequest request, long nowNs, boolean answeredHere) {
    if (standIns > 0) {
      removeRegisteredStandIn(request.endpoint());
    }
    int peer = peers.find(request.peerId());
    if (request.event() == AnnounceEvent.STOPPED) {
      if (peer != PeerTable.NONE) {
        peers.remove(peer);
      }
      return PeerTable.NONE;
    }
    boolean wasLeecher = peer != PeerTable.NONE && !PeerTable.isSeeder(peer);
    peer =
        peer == PeerTable.NONE
            ? peers.add(request.peerId(), request.endpoint(), request.left(), nowNs, false)
            : peers.update(peer, request.endpoint(), request.left(), nowNs);
    if (request.event() == AnnounceEvent.COMPLETED && wasLeecher && PeerTable.isSeeder(peer)) {
      downloaded++;
      if (answeredHere) {
        unflushedDownloads++;
      }
    }
    return peer;
  }

  /**
   * Adds a seeder that the index vouches for, so leechers find it before its first announce. It
   * stands in until a real announce comes from the same address and port.
   */
  synchronized boolean register(PeerEndpoint seeder, long nowNs) {
    if (retired) {
      return false;
    }
    int existing = peers.find(standInId(seeder));
    if (existing != PeerTable.NONE) {
      peers.touch(existing, nowNs);
    } else if (!peers.hasAnnouncedPeerAt(seeder)) {
      peers.add(standInId(seeder), seeder, 0, nowNs, true);
      standIns++;
    }
    return true;
  }

  /** Drops peers not heard from since {@code nowNs - maxAgeNs} (stand-ins after their own age). */
  synchronized int expire(long nowNs, long maxAgeNs, long registeredMaxAgeNs) {
    int[] stale = peers.stale(nowNs, maxAgeNs, registeredMaxAgeNs);
    // Highest slots first, so that removing one never moves another stale peer.
    for (int i = stale.length - 1; i >= 0; i--) {
      remove(stale[i]);
    }
    peers.trimIfSparse();
    return stale.length;
  }

  /** Marks an empty swarm as gone, so that it can be dropped from the registry safely. */
  synchronized boolean retireIfEmpty() {
    if (peers.size() == 0 && unflushedDownloads == 0) {
      retired = true;
    }
    return retired;
  }

  synchronized ScrapeCounts counts() {
    return new ScrapeCounts(peers.seeders(), downloaded, peers.leechers());
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

  synchronized void addStoredDownloads(long count) {
    downloaded += count;
  }

  synchronized boolean announcedFrom(byte[] address, long sinceNs) {
    return peers.hasAnnouncedFrom(address, sinceNs);
  }

  synchronized int size() {
    return peers.size();
  }

  private void removeRegisteredStandIn(PeerEndpoint endpoint) {
    int standIn = peers.find(standInId(endpoint));
    if (standIn != PeerTable.NONE) {
      remove(standIn);
    }
  }

  private void remove(int peer) {
    if (peers.isRegistered(peer)) {
      standIns--;
    }
    peers.remove(peer);
  }

  /**
   * Up to {@code wanted} distinct peers other than {@code asker}, uniformly at random (Floyd's
   * sampling over the seeders and leechers as one sequence without the asker; a seeder is offered
   * leechers only).
   */
  private List<AnnounceReply.Peer> sample(int asker, int wanted, RandomGenerator random) {
    boolean askerIsSeeder = PeerTable.isSeeder(asker);
    int seederCount = askerIsSeeder ? 0 : peers.seeders();
    int total = seederCount + peers.leechers();
    int askerIndex = askerIsSeeder ? total : seederCount + (asker >>> 1);
    int others = askerIsSeeder ? total : total - 1;
    int count = Math.min(wanted, others);
    if (count <= 0) {
      return List.of();
    }
    List<AnnounceReply.Peer> picked = new ArrayList<>(count);
    if (count == others) {
      for (int i = 0; i < total; i++) {
        if (i != askerIndex) {
          picked.add(peerAt(i, seederCount));
        }
      }
    } else {
      for (int index : DistinctSample.of(count, others, random)) {
        picked.add(peerAt(index < askerIndex ? index : index + 1, seederCount));
      }
    }
    return picked;
  }

  private AnnounceReply.Peer peerAt(int index, int seederCount) {
    int handle =
        index < seederCount
            ? PeerTable.handle(true, index)
            : PeerTable.handle(false, index - seederCount);
    return new AnnounceReply.Peer(peers.id(handle), peers.endpoint(handle));
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
