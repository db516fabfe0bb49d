package io.mcbt.tracker;

import io.mcbt.metainfo.InfoHash;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An HTTP announce (BEP 3): the request, and how the client wants its peers listed.
 *
 * @param request the announce itself
 * @param compact peers as BEP 23 / BEP 7 byte strings (the default), else as dictionaries
 * @param noPeerId leave peer ids out of dictionaries (they are never in the compact form)
 */
public record HttpAnnounce(AnnounceRequest request, boolean compact, boolean noPeerId) {

  /** How many peers a reply lists. */
  public record NumWant(int byDefault, int max) {}

  /**
   * Parses the raw (still percent-encoded) query string of {@code GET /announce}.
   *
   * @param remote the address the request came from; the peer's address is always this one, never
   *     an {@code ip} parameter, so nobody can announce someone else into a swarm
   * @throws TrackerFailure with the {@code failure reason} to send back
   */
  public static HttpAnnounce parse(String rawQuery, InetAddress remote, NumWant numWant)
      throws TrackerFailure {
    QueryString query = QueryString.parse(rawQuery);
    InfoHash infoHash = new InfoHash(exactly(query, "info_hash", InfoHash.LENGTH));
    PeerId peerId = new PeerId(exactly(query, "peer_id", PeerId.LENGTH));
    long port = number(query, "port", true);
    if (port < 1 || port > 65535) {
      throw new TrackerFailure("port out of range: " + port);
    }
    long wanted = number(query, "numwant", false);
    AnnounceRequest request =
        new AnnounceRequest(
            infoHash,
            peerId,
            PeerEndpoint.of(remote, (int) port),
            Math.max(0, number(query, "uploaded", false)),
            Math.max(0, number(query, "downloaded", false)),
            number(query, "left", true),
            AnnounceEvent.ofHttpValue(query.text("event")),
            wanted < 0 ? numWant.byDefault() : (int) Math.min(wanted, numWant.max()),
            Optional.ofNullable(query.text("trackerid")).filter(id -> !id.isEmpty()));
    return new HttpAnnounce(
        request, !"0".equals(query.text("compact")), "1".equals(query.text("no_peer_id")));
  }

  private static byte[] exactly(QueryString query, String name, int length) throws TrackerFailure {
    byte[] value = query.bytes(name);
    if (value == null) {
      throw new TrackerFailure("missing parameter " + name);
    }
    if (value.length != length) {
      throw new TrackerFailure(
          name
              + " must be "
              + length
              + " bytes, got "
              + value.length
              + " (percent-encode each byte)");
    }
    return value;
  }

  /** A non-negative number; -1 when absent and optional. */
  private static long number(QueryString query, String name, boolean required)
      throws TrackerFailure {
    String value = query.text(name);
    if (value == null || value.isEmpty()) {
      if (required) {
        throw new TrackerFailure("missing parameter " + name);
      }
      return -1;
    }
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        throw new TrackerFailure(name + " must not be negative");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new TrackerFailure(name + " must be a whole number");
    }
  }
}
