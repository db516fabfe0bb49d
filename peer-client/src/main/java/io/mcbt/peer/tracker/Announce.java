package io.mcbt.peer.tracker;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerId;

/**
 * What one announce tells the tracker (BEP 3).
 *
 * @param port the TCP port this peer listens on
 * @param left bytes still missing; 0 for a seed
 */
public record Announce(
    InfoHash infoHash,
    PeerId peerId,
    int port,
    long uploadedBytes,
    long downloadedBytes,
    long left,
    AnnounceEvent event) {}
