package io.mcbt.tracker.application;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerEndpoint;
import java.time.Instant;
import java.util.Optional;

/**
 * The index telling a tracker: track this torrent, and (when known) this seeder holds it.
 *
 * @param infoHash the torrent
 * @param seeder where the seeder accepts peer connections, if the publisher gave it
 * @param registeredAt when the index registered it
 */
public record SeederRegistration(
    InfoHash infoHash, Optional<PeerEndpoint> seeder, Instant registeredAt) {}
