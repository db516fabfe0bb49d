package io.mcbt.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A BEP 9 {@code ut_metadata} message, the payload of an extended message: a bencoded dictionary,
 * followed for {@code data} by the piece's bytes.
 *
 * <pre>
 * request: d8:msg_typei0e5:piecei0ee
 * data:    d8:msg_typei1e5:piecei0e10:total_sizei34256ee followed by up to 16 KiB
 * reject:  d8:msg_typei2e5:piecei0ee
 * </pre>
 *
 * @param type request, data or reject
 * @param piece the 16 KiB piece of the info dictionary
 * @param totalSize for data, the size of the whole info dictionary; 0 otherwise
 * @param data for data, the piece's bytes; empty otherwise
 */
public record MetadataMessage(Type type, int piece, long totalSize, byte[] data) {
  /** Metadata travels in pieces of this size; the last may be shorter (BEP 9). */
  public static final int PIECE_BYTES = 16 * 1024;

  /** BEP 9 {@code msg_type} values. */
  public enum Type {
    REQUEST,
    DATA,
    REJECT
  }

  public MetadataMessage {
    if (piece < 0) {
      throw new IllegalArgumentException("negative metadata piece " + piece);
    }
    if (data.length > PIECE_BYTES) {
      throw new IllegalArgumentException("metadata piece of " + data.length + " bytes");
    }
    if (type != Type.DATA && (totalSize != 0 || data.length != 0)) {
      throw new IllegalArgumentException(type + " carries no data");
    }
    data = data.clone();
  }

  public static MetadataMessage request(int piece) {
    return new MetadataMessage(Type.REQUEST, piece, 0, new byte[0]);
  }

  public static MetadataMessage reject(int piece) {
    return new MetadataMessage(Type.REJECT, piece, 0, new byte[0]);
  }

  public static MetadataMessage data(int piece, long totalSize, byte[] data) {
    return new MetadataMessage(Type.DATA, piece, totalSize, data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public byte[] encode() {
    Map<String, Object> header = new TreeMap<>();
    header.put("msg_type", type.ordinal());
    header.put("piece", piece);
    if (type == Type.DATA) {
      header.put("total_size", totalSize);
    }
    byte[] head = Bencode.encode(header);
    byte[] out = Arrays.copyOf(head, head.length + data.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    return out;
  }

  /**
   * Reads a {@code ut_metadata} payload. Unknown {@code msg_type} values, bytes after a request or
   * reject, and data pieces over {@link #PIECE_BYTES} are malformed.
   */
  public static MetadataMessage decode(byte[] payload) throws MalformedMessageException {
    Bencode.Decoded header = Bencode.decodeDictionary(payload, 0);
    Map<?, ?> root = (Map<?, ?>) header.value();
    if (!(root.get("msg_type") instanceof Long kind) || kind < 0 || kind > 2) {
      throw new MalformedMessageException("ut_metadata: msg_type missing or unknown");
    }
    if (!(root.get("piece") instanceof Long piece) || piece < 0 || piece > Integer.MAX_VALUE) {
      throw new MalformedMessageException("ut_metadata: piece missing or out of range");
    }
    Type type = Type.values()[kind.intValue()];
    int trailing = payload.length - header.end();
    if (type != Type.DATA) {
      if (trailing != 0) {
        throw new MalformedMessageException("ut_metadata: bytes after a " + type);
      }
      return new MetadataMessage(type, piece.intValue(), 0, new byte[0]);
    }
    if (!(root.get("total_size") instanceof Long total) || total < 0) {
      throw new MalformedMessageException("ut_metadata: data without total_size");
    }
    if (trailing > PIECE_BYTES) {
      throw new MalformedMessageException(
          "ut_metadata: data piece of " + trailing + " bytes, over " + PIECE_BYTES);
    }
    return data(piece.intValue(), total, Arrays.copyOfRange(payload, header.end(), payload.length));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetadataMessage that
        && type == that.type
        && piece == that.piece
        && totalSize == that.totalSize
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return (31 * type.hashCode() + piece) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "MetadataMessage[" + type + ", piece=" + piece + ", " + data.length + " bytes]";
  }
}
