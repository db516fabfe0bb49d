package io.mcbt.wire;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerId;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The first 68 bytes each side sends on a peer connection (BEP 3).
 *
 * <pre>
 *  0         1                      20         28          48        68
 *  | pstrlen | pstr                 | reserved | info_hash | peer_id |
 *  | 19      | "BitTorrent protocol"| 8 bytes  | 20 bytes  | 20 bytes|
 * </pre>
 *
 * <p>The reserved bytes are kept as one big-endian {@code long}: byte 0 is the most significant, so
 * {@code reserved[7] & 0x04} is {@code reserved & 0x04} and {@code reserved[5] & 0x10} is {@code
 * reserved & 0x10_0000}. A {@code long} makes the record immutable and comparable without copies.
 *
 * @param reserved the 8 reserved bytes, {@code reserved[0]} in the most significant position
 * @param infoHash the torrent the connection is for
 * @param peerId the sender's peer id
 */
public record Handshake(long reserved, InfoHash infoHash, PeerId peerId) {
  /** Encoded size in bytes. */
  public static final int LENGTH = 68;

  /** {@code pstr}, preceded on the wire by its length, 19. */
  public static final String PROTOCOL = "BitTorrent protocol";

  /** BEP 5: {@code reserved[7] & 0x01}, the peer runs a DHT node and may send {@code port}. */
  public static final long DHT = 0x01L;

  /** BEP 6: {@code reserved[7] & 0x04}, the Fast Extension. */
  public static final long FAST_EXTENSION = 0x04L;

  /** BEP 10: {@code reserved[5] & 0x10}, the Extension Protocol. */
  public static final long EXTENSION_PROTOCOL = 0x10L << 16;

  static final int OFFSET_PSTR = 1;
  static final int OFFSET_RESERVED = 20;
  static final int OFFSET_INFO_HASH = 28;
  static final int OFFSET_PEER_ID = 48;

  private static final byte[] PSTR = PROTOCOL.getBytes(StandardCharsets.US_ASCII);

  public Handshake {
    if (infoHash == null || peerId == null) {
      throw new IllegalArgumentException("a handshake names an info-hash and a peer id");
    }
  }

  /** Sets the given reserved bits, e.g. {@code FAST_EXTENSION | EXTENSION_PROTOCOL}. */
  public Handshake withReserved(long bits) {
    return new Handshake(reserved | bits, infoHash, peerId);
  }

  public boolean supportsDht() {
    return (reserved & DHT) != 0;
  }

  public boolean supportsFastExtension() {
    return (reserved & FAST_EXTENSION) != 0;
  }

  public boolean supportsExtensionProtocol() {
    return (reserved & EXTENSION_PROTOCOL) != 0;
  }

  /** The reserved bytes in wire order. */
  public byte[] reservedBytes() {
    return ByteBuffer.allocate(8).putLong(reserved).array();
  }

  /**
   * Writes the 68 bytes at {@code out}'s position.
   *
   * @throws BufferOverflowException if fewer than 68 bytes remain; nothing is written then
   */
  public void encode(ByteBuffer out) {
    if (out.remaining() < LENGTH) {
      throw new BufferOverflowException();
    }
    out.put((byte) PSTR.length).put(PSTR);
    NetworkOrder.putLong(out, reserved);
    out.put(infoHash.bytes()).put(peerId.bytes());
  }

  /**
   * Reads a handshake from {@code in}'s position.
   *
   * <p>Checks {@code pstrlen} and {@code pstr} as soon as their bytes are there, so a peer speaking
   * another protocol is refused without waiting for 68 bytes.
   *
   * @return the handshake, with the position moved past it; or {@code null} when fewer than 68
   *     bytes remain, with nothing consumed
   * @throws MalformedMessageException if {@code pstrlen} is not 19 or {@code pstr} is not {@value
   *     #PROTOCOL}; nothing is consumed
   */
  public static Handshake decode(ByteBuffer in) throws MalformedMessageException {
    int start = in.position();
    int available = in.remaining();
    if (available == 0) {
      return null;
    }
    int pstrlen = Byte.toUnsignedInt(in.get(start));
    if (pstrlen != PSTR.length) {
      throw new MalformedMessageException(
          "handshake pstrlen is " + pstrlen + ", expected " + PSTR.length + " (BEP 3)");
    }
    int present = Math.min(available - OFFSET_PSTR, PSTR.length);
    for (int i = 0; i < present; i++) {
      if (in.get(start + OFFSET_PSTR + i) != PSTR[i]) {
        throw new MalformedMessageException(
            "handshake pstr differs from \""
                + PROTOCOL
                + "\" at byte "
                + i
                + ": 0x"
                + HexFormat.of().toHexDigits(in.get(start + OFFSET_PSTR + i)));
      }
    }
    if (available < LENGTH) {
      return null;
    }
    long reserved = NetworkOrder.getLong(in, start + OFFSET_RESERVED);
    byte[] hash = new byte[InfoHash.LENGTH];
    byte[] id = new byte[PeerId.LENGTH];
    in.get(start + OFFSET_INFO_HASH, hash);
    in.get(start + OFFSET_PEER_ID, id);
    in.position(start + LENGTH);
    return new Handshake(reserved, new InfoHash(hash), new PeerId(id));
  }

  @Override
  public String toString() {
    return "Handshake[reserved="
        + HexFormat.of().toHexDigits(reserved)
        + ", infoHash="
        + infoHash
        + ", peerId="
        + peerId
        + "]";
  }
}
