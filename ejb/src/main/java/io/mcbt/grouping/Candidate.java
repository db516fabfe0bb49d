package io.mcbt.grouping;

import io.mcbt.metainfo.InfoHash;

/**
 * A leecher asking to be grouped, after it measured its RTT to the candidate senders.
 *
 * @param peerId the leecher's id on the signalling channel
 * @param infoHash the torrent it wants
 * @param senderId the sender it is nearest to
 * @param rttNs its RTT to that sender (the minimum of its probes)
 */
public record Candidate(String peerId, InfoHash infoHash, String senderId, long rttNs) {
  public Candidate {
    if (rttNs < 0) {
      throw new IllegalArgumentException("an RTT is not negative");
    }
  }
}
