package io.mcbt.index.application;

import io.mcbt.index.domain.PublishedTorrent;

/**
 * The outcome of publishing a torrent.
 *
 * @param torrent the torrent as the index holds it
 * @param created true if this upload added it, false if it was there already
 */
public record Publication(PublishedTorrent torrent, boolean created) {}
