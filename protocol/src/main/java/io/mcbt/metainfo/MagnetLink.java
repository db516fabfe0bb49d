package io.mcbt.metainfo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A magnet link (BEP 9): enough to find a torrent's peers and fetch its metadata from them.
 *
 * @param infoHash the {@code xt=urn:btih:} value
 * @param displayName the {@code dn} value
 * @param trackers the {@code tr} values, in order
 */
public record MagnetLink(InfoHash infoHash, Optional<String> displayName, List<String> trackers) {
  private static final String PREFIX = "magnet:?";
  private static final String BTIH = "urn:btih:";

  public MagnetLink {
    trackers = List.copyOf(trackers);
  }

  public static MagnetLink of(Metainfo metainfo) {
    return new MagnetLink(
        metainfo.infoHash(), Optional.of(metainfo.info().name()), metainfo.trackers());
  }

  /** Parses a magnet link that names a BitTorrent v1 info-hash. */
  public static MagnetLink parse(String uri) {
    if (uri == null || !uri.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a magnet link starts with " + PREFIX);
    }
    InfoHash infoHash = null;
    Optional<String> name = Optional.empty();
    List<String> trackers = new ArrayList<>();
    for (String parameter : uri.substring(PREFIX.length()).split("&")) {
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = parameter.substring(0, equals);
      String value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
      switch (key) {
        case "xt" -> {
          if (value.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
            infoHash = InfoHash.parse(value.substring(BTIH.length()));
          }
        }
        case "dn" -> name = Optional.of(value);
        case "tr" -> trackers.add(value);
        default -> {}
      }
    }
    if (infoHash == null) {
      throw new IllegalArgumentException("the magnet link has no xt=urn:btih: info-hash");
    }
    return new MagnetLink(infoHash, name, trackers);
  }

  /** The link, with the info-hash in hex and every value percent-encoded. */
  public String uri() {
    StringBuilder out = new StringBuilder(PREFIX).append("xt=").append(BTIH).append(infoHash.hex());
    displayName.ifPresent(name -> out.append("&dn=").append(encode(name)));
    trackers.forEach(tracker -> out.append("&tr=").append(encode(tracker)));
    return out.toString();
  }

  @Override
  public String toString() {
    return uri();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
