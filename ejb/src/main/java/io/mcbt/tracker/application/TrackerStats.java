package io.mcbt.tracker.application;

/**
 * What {@code GET /api/tracker/stats} shows.
 *
 * @param torrents swarms with at least one peer
 * @param trackedTorrents torrents this tracker accepts announces for
 * @param seeders peers with the whole file
 * @param leechers peers still downloading
 * @param announces announces answered since start
 * @param announcesPerSecond over the last few seconds
 * @param registrationsPending registrations for remote trackers still in the outbox
 * @param open whether the tracker takes any torrent
 */
public record TrackerStats(
    int torrents,
    int trackedTorrents,
    int seeders,
    int leechers,
    long announces,
    double announcesPerSecond,
    long registrationsPending,
    boolean open) {}
