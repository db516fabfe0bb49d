package io.mcbt.wire;

import io.mcbt.metainfo.InfoHash;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical allowed-fast set of BEP 6: the pieces a peer may request from us while choked, a
 * function of its IPv4 address (masked to /24, so that one host cannot collect many sets), the
 * info-hash and the piece count. Both sides can compute it, which lets a client check the set it is
 * offered.
 */
public final class AllowedFastSet {
  /** BEP 6 suggests 10 for torrents of many pieces. */
  public static final int DEFAULT_SIZE = 10;

  private AllowedFastSet() {}

  /**
   * The first {@code k} distinct pieces of the sequence BEP 6 defines: {@code x = SHA-1(x)} over
   * {@code ip & 0xFFFFFF00} followed by the info-hash, each hash giving five big-endian 32-bit
   * numbers taken modulo {@code pieceCount}.
   *
   * @param ipv4 the peer's 4-byte address
   * @return at most {@code min(k, pieceCount)} piece indexes, in the order generated
   */
  public static List<Integer> compute(byte[] ipv4, InfoHash infoHash, int pieceCount, int k) {
    if (ipv4.length != 4) {
      throw new IllegalArgumentException("BEP 6 defines the set for IPv4 addresses only");
    }
    int wanted = Math.min(k, pieceCount);
    List<Integer> set = new ArrayList<>(Math.max(wanted, 0));
    ByteBuffer x = ByteBuffer.allocate(4 + InfoHash.LENGTH);
    x.put(ipv4, 0, 3).put((byte) 0).put(infoHash.bytes());
    byte[] hash = x.array();
    MessageDigest sha1 = sha1();
    while (set.size() < wanted) {
      hash = sha1.digest(hash);
      ByteBuffer numbers = ByteBuffer.wrap(hash);
      for (int i = 0; i < 5 && set.size() < wanted; i++) {
        int index = (int) (Integer.toUnsignedLong(numbers.getInt()) % pieceCount);
        if (!set.contains(index)) {
          set.add(index);
        }
      }
    }
    return set;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }
}
