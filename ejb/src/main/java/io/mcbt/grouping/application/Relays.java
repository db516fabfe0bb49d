package io.mcbt.grouping.application;

import io.mcbt.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leechers that send a torrent's groups because no peer on the signalling channel holds it
 * (relays), and the leechers waiting to become one.
 */
final class Relays {
  /**
   * How long the first leecher of an unheld torrent waits before it is made the relay. Holders and
   * leechers often start together, and a holder's hello may wait up to 5 s for its announce: a
   * holder that shows up meanwhile sends instead.
   */
  static final long DELAY_NS = 6_000_000_000L;

  /** A leecher and the torrent it may relay. */
  record Candidate(String peerId, InfoHash torrent) {}

  private record Waiting(String peerId, long sinceNs) {}

  private final Map<InfoHash, String> relays = new ConcurrentHashMap<>();
  private final Map<InfoHash, Waiting> waiting = new ConcurrentHashMap<>();

  boolean relays(String peerId, InfoHash torrent) {
    return peerId.equals(relays.get(torrent));
  }

  /** A leecher found no sender for the torrent: the first such one waits to become its relay. */
  void consider(String peerId, InfoHash torrent, long nowNs) {
    if (!relays.containsKey(torrent)) {
      waiting.putIfAbsent(torrent, new Waiting(peerId, nowNs));
    }
  }

  /** The leechers whose wait is over, no longer waiting: the caller makes them relays, or not. */
  List<Candidate> due(long nowNs) {
    List<Candidate> due = new ArrayList<>();
    waiting.forEach(
        (torrent, leecher) -> {
          if (nowNs - leecher.sinceNs() >= DELAY_NS && waiting.remove(torrent, leecher)) {
            due.add(new Candidate(leecher.peerId(), torrent));
          }
        });
    return due;
  }

  /** Makes the leecher the torrent's relay; false if another one is already. */
  boolean make(Candidate candidate) {
    return relays.putIfAbsent(candidate.torrent(), candidate.peerId()) == null;
  }

  /** The peer left: it relays nothing and waits for nothing any more. */
  void forget(String peerId) {
    relays.values().removeIf(peerId::equals);
    waiting.values().removeIf(leecher -> leecher.peerId().equals(peerId));
  }
}
