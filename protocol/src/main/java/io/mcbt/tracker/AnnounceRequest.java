package io.mcbt.tracker;

import io.mcbt.metainfo.InfoHash;
import java.util.Optional;

/**
 * One announce, from HTTP or UDP.
 *
 * @param infoHash the torrent
 * @param peerId the client's id in this swarm
 * @param endpoint where the client accepts peer connections: the address the request came from and
 *     the port it gave
 * @param uploaded bytes uploaded since {@code started}
 * @param downloaded bytes downloaded since {@code started}
 * @param left bytes still missing; 0 means a seeder
 * @param event why the client announces now
 * @param numWant how many peers it wants, already bounded by the tracker
 * @param trackerId the {@code tracker id} an earlier reply gave, if sent back
 */
public record AnnounceRequest(
    InfoHash infoHash,
    PeerId peerId,
    PeerEndpoint endpoint,
    long uploaded,
    long downloaded,
    long left,
    AnnounceEvent event,
    int numWant,
    Optional<String> trackerId) {

  public boolean isSeeder() {
    return left == 0;
  }
}
