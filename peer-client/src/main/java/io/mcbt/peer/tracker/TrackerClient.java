package io.mcbt.peer.tracker;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.BencodeException;
import com.dampcake.bencode.Type;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.PeerEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Announces to an HTTP tracker (BEP 3) and reads its bencoded reply. */
public final class TrackerClient {
  /** Used when the tracker names no interval, and as the lower bound of what it names. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

  static final int NUMWANT = 50;
  private static final int MAX_REPLY_BYTES = 1 << 20;
  private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8, true);

  private final HttpClient http;
  private final Duration timeout;
  private final String userAgent;

  public TrackerClient(Duration timeout, String userAgent) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
    this.userAgent = userAgent;
  }

  /**
   * Sends one announce to {@code announceUrl}.
   *
   * @throws TrackerException when the tracker answers with a {@code failure reason}, a non-200
   *     status or a reply that is not a tracker reply
   * @throws IOException when the tracker cannot be reached
   */
  public AnnounceResult announce(URI announceUrl, Announce announce)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(requestUri(announceUrl, announce))
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .GET()
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    if (response.statusCode() != 200) {
      String reason = failureReason(body);
      throw new TrackerException(
          "tracker "
              + announceUrl
              + " answered HTTP "
              + response.statusCode()
              + (reason == null ? "" : ": " + reason));
    }
    return parse(body);
  }

  /** The announce URL with the BEP 3 query parameters appended. */
  static URI requestUri(URI announceUrl, Announce announce) {
    String base = announceUrl.toString();
    StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
    url.append("info_hash=").append(percentEncode(announce.infoHash().bytes()));
    url.append("&peer_id=").append(percentEncode(announce.peerId().bytes()));
    url.append("&port=").append(announce.port());
    url.append("&uploaded=").append(announce.uploadedBytes());
    url.append("&downloaded=").append(announce.downloadedBytes());
    url.append("&left=").append(announce.left());
    url.append("&compact=1&numwant=").append(NUMWANT);
    if (announce.event() != AnnounceEvent.NONE && announce.event() != AnnounceEvent.PAUSED) {
      url.append("&event=").append(announce.event().name().toLowerCase(Locale.ROOT));
    }
    return URI.create(url.toString());
  }

  /** RFC 3986 percent-encoding of raw bytes: unreserved characters stay, all else is %XX. */
  static String percentEncode(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        text.append((char) c);
      } else {
        text.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        text.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return text.toString();
  }

  /** Reads a tracker reply: failure reason, interval, and compact or dictionary peers. */
  static AnnounceResult parse(byte[] body) throws TrackerException {
    Map<String, Object> reply = dictionary(body);
    Object failure = reply.get("failure reason");
    if (failure != null) {
      throw new TrackerException("tracker refused the announce: " + text(failure));
    }
    Duration interval = DEFAULT_INTERVAL;
    if (reply.get("interval") instanceof Long seconds && seconds > 0) {
      interval = Duration.ofSeconds(seconds);
    }
    List<PeerEndpoint> peers = new ArrayList<>();
    Object v4 = reply.get("peers");
    if (v4 instanceof ByteBuffer compact) {
      compactPeers(compact, 4, peers);
    } else if (v4 instanceof List<?> list) {
      dictionaryPeers(list, peers);
    }
    if (reply.get("peers6") instanceof ByteBuffer compact6) {
      compactPeers(compact6, 16, peers);
    }
    return new AnnounceResult(interval, peers);
  }

  private static Map<String, Object> dictionary(byte[] body) throws TrackerException {
    if (body.length > MAX_REPLY_BYTES) {
      throw new TrackerException("tracker reply of " + body.length + " bytes is too large");
    }
    try {
      return BENCODE.decode(body, Type.DICTIONARY);
    } catch (BencodeException | IllegalArgumentException | ClassCastException e) {
      throw new TrackerException("tracker reply is not a bencoded dictionary", e);
    }
  }

  private static String failureReason(byte[] body) {
    try {
      Object failure = BENCODE.decode(body, Type.DICTIONARY).get("failure reason");
      return failure == null ? null : text(failure);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** BEP 23 (4-byte address) or BEP 7 (16-byte address), each followed by a 2-byte port. */
  private static void compactPeers(ByteBuffer compact, int addressBytes, List<PeerEndpoint> out)
      throws TrackerException {
    ByteBuffer bytes = compact.duplicate();
    int entry = addressBytes + 2;
    if (bytes.remaining() % entry != 0) {
      throw new TrackerException(
          "compact peers of " + bytes.remaining() + " bytes, not a multiple of " + entry);
    }
    while (bytes.hasRemaining()) {
      byte[] address = new byte[addressBytes];
      bytes.get(address);
      int port = Short.toUnsignedInt(bytes.getShort());
      if (port != 0) {
        out.add(new PeerEndpoint(address, port));
      }
    }
  }

  /** The original BEP 3 model: a list of dictionaries with {@code ip} and {@code port}. */
  private static void dictionaryPeers(List<?> list, List<PeerEndpoint> out) {
    for (Object item : list) {
      if (item instanceof Map<?, ?> peer
          && peer.get("ip") instanceof ByteBuffer ip
          && peer.get("port") instanceof Long port
          && port > 0
          && port <= 0xFFFF) {
        try {
          out.add(PeerEndpoint.of(InetAddress.getByName(text(ip)), port.intValue()));
        } catch (IOException | IllegalArgumentException e) {
          // A host name or a broken address: skip that peer, keep the others.
        }
      }
    }
  }

  private static String text(Object value) {
    if (value instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] array = new byte[copy.remaining()];
      copy.get(array);
      return new String(array, StandardCharsets.UTF_8);
    }
    return String.valueOf(value);
  }
}
