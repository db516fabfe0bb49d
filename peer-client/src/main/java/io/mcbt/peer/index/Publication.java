package io.mcbt.peer.index;

/**
 * The answer to a publish request.
 *
 * @param created true when the index did not hold the torrent before (HTTP 201), false when it
 *     already did (HTTP 200)
 * @param torrent the torrent as the index now holds it
 */
public record Publication(boolean created, TorrentDetails torrent) {}
