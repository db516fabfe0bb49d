package io.mcbt.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * BEP 3 bitfield, sent only right after the handshake. The high bit of byte 0 is piece 0; the spare
 * bits of the last byte must be zero.
 *
 * <pre>
 *  0            4      5
 *  | length=1+n | id=5 | n = ceil(piece count / 8) bytes |
 * </pre>
 *
 * @param bits the bitfield bytes, copied in and out
 */
public record Bitfield(byte[] bits) implements PeerMessage {
  public Bitfield {
    if (bits == null) {
      throw new IllegalArgumentException("bitfield bytes are required");
    }
    bits = bits.clone();
  }

  /** The bitfield for {@code pieceCount} pieces, with the pieces set in {@code have}. */
  public static Bitfield of(int pieceCount, BitSet have) {
    if (pieceCount < 0 || have.length() > pieceCount) {
      throw new IllegalArgumentException(
          "piece " + (have.length() - 1) + " is beyond a count of " + pieceCount);
    }
    byte[] bits = new byte[bytesFor(pieceCount)];
    for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
      bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
    }
    return new Bitfield(bits);
  }

  /** {@code ceil(pieceCount / 8)}: the only valid size for {@code pieceCount} pieces. */
  public static int bytesFor(int pieceCount) {
    if (pieceCount < 0) {
      throw new IllegalArgumentException("negative piece count " + pieceCount);
    }
    return (int) ((pieceCount + 7L) >>> 3);
  }

  /**
   * Whether the bit for {@code index} is set; {@code false} past the last byte.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public boolean has(int index) {
    if (index < 0) {
      throw new IllegalArgumentException(
          "negative piece index " + index + " (" + Integer.toUnsignedString(index) + " unsigned)");
    }
    return index >>> 3 < bits.length && (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
  }

  /** The set pieces, index for index. */
  public BitSet toBitSet() {
    BitSet set = new BitSet(bits.length * 8);
    for (int i = 0; i < bits.length * 8; i++) {
      if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
        set.set(i);
      }
    }
    return set;
  }

  public int byteLength() {
    return bits.length;
  }

  /**
   * Checks the bitfield against the torrent (BEP 3): exactly {@code ceil(pieceCount / 8)} bytes,
   * and no bit set past the last piece.
   */
  public void validate(int pieceCount) throws MalformedMessageException {
    int expected = bytesFor(pieceCount);
    if (bits.length != expected) {
      throw new MalformedMessageException(
          "bitfield of "
              + bits.length
              + " bytes for "
              + pieceCount
              + " pieces, expected "
              + expected);
    }
    int spare = expected * 8 - pieceCount;
    if (spare > 0 && (bits[expected - 1] & ((1 << spare) - 1)) != 0) {
      throw new MalformedMessageException(
          "bitfield sets spare bits past piece " + (pieceCount - 1) + " in its last byte");
    }
  }

  @Override
  public byte[] bits() {
    return bits.clone();
  }

  void writeTo(ByteBuffer out) {
    out.put(bits);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bitfield that && Arrays.equals(bits, that.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "Bitfield[" + bits.length + " bytes, " + toBitSet().cardinality() + " set]";
  }
}
