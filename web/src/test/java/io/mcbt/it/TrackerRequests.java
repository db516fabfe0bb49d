package io.mcbt.it;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds tracker queries with binary values percent-encoded, and decodes bencoded replies. */
final class TrackerRequests {
  private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8, true);

  private TrackerRequests() {}

  static String percentEncoded(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }

  static String announceQuery(byte[] infoHash, String peerId, int port, long left, String extra) {
    return "announce?info_hash="
        + percentEncoded(infoHash)
        + "&peer_id="
        + percentEncoded(peerId.getBytes(StandardCharsets.US_ASCII))
        + "&port="
        + port
        + "&uploaded=0&downloaded=0&left="
        + left
        + extra;
  }

  static Map<String, Object> decode(byte[] body) {
    return BENCODE.decode(body, Type.DICTIONARY);
  }

  static byte[] bytes(Object value) {
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  static String text(Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }
}
