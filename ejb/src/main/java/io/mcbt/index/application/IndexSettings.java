package io.mcbt.index.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

  /**
   * Who may publish: comma-separated bearer tokens ({@code MCBT_INDEX_UPLOAD_TOKENS}). Unset,
   * anyone may; set, reading stays open to all and publishing needs one of them.
   */
  @Inject
  @ConfigProperty(name = "mcbt.index.upload-tokens")
  Optional<String> uploadTokens;

  /**
   * Uploads per minute that one address (IPv4, or IPv6 /64) may make, sustained; 0 turns the limit
   * off. Each upload is parsed and stored, so this bounds the work one address can cause.
   */
  @Inject
  @ConfigProperty(name = "mcbt.index.upload-rate-per-minute", defaultValue = "60")
  double uploadRatePerMinute;

  /** Uploads one address may make at once. */
  @Inject
  @ConfigProperty(name = "mcbt.index.upload-burst", defaultValue = "30")
  int uploadBurst;

  public double uploadRatePerMinute() {
    return Math.max(0, uploadRatePerMinute);
  }

  public int uploadBurst() {
    return Math.max(1, uploadBurst);
  }

  public boolean uploadsNeedToken() {
    return !tokens().isEmpty();
  }

  /** Whether an {@code Authorization} header allows publishing. */
  public boolean mayUpload(String authorization) {
    List<String> tokens = tokens();
    if (tokens.isEmpty()) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] offered = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    // Compared in constant time, so that the time taken tells nothing about a token.
    boolean allowed = false;
    for (String token : tokens) {
      allowed |= MessageDigest.isEqual(offered, token.getBytes(StandardCharsets.UTF_8));
    }
    return allowed;
  }

  private List<String> tokens() {
    return Arrays.stream(uploadTokens.orElse("").split(","))
        .map(String::trim)
        .filter(token -> !token.isEmpty())
        .toList();
  }

  public int maxTorrentBytes() {
    return Math.max(1, Math.min(maxTorrentBytes, HARD_MAX_TORRENT_BYTES));
  }
}
