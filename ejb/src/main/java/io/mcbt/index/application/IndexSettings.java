package io.mcbt.index.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The index's limits, read once from MicroProfile Config (environment variables included). */
@ApplicationScoped
public class IndexSettings {
  /** The largest .torrent accepted: 10 MiB unless {@code MCBT_INDEX_MAX_TORRENT_BYTES} says. */
  public static final String MAX_TORRENT_BYTES = "mcbt.index.max-torrent-bytes";

  /** MongoDB refuses documents over 16 MiB; the bytes and their metadata must fit. */
  static final int HARD_MAX_TORRENT_BYTES = 15 << 20;

  @Inject
  @ConfigProperty(name = MAX_TORRENT_BYTES, defaultValue = "10485760")
  int maxTorrentBytes;

  public int maxTorrentBytes() {
    return Math.max(1, Math.min(maxTorrentBytes, HARD_MAX_TORRENT_BYTES));
  }
}
