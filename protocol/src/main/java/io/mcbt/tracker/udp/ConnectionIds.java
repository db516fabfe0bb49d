package io.mcbt.tracker.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BEP 15 connection ids without a table: the id is a MAC of the client's address and port and the
 * current minute, under a secret made at start. An id is valid in its minute and the next, so it
 * expires after one to two minutes, as BEP 15 asks, and a spoofed source address cannot obtain one.
 */
public final class ConnectionIds {
  private static final long WINDOW_NS = 60_000_000_000L;
  private final SecretKeySpec key;

  public ConnectionIds() {
    this(newSecret());
  }

  /**
   * @param secret the MAC key: the same on every instance of a cluster, so that an id from one is
   *     good at another behind the same balancer
   */
  public ConnectionIds(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("a secret of at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  public static byte[] newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  public long issue(InetSocketAddress client, long nowNs) {
    return idFor(client, Math.floorDiv(nowNs, WINDOW_NS));
  }

  public boolean isValid(long connectionId, InetSocketAddress client, long nowNs) {
    long window = Math.floorDiv(nowNs, WINDOW_NS);
    return connectionId == idFor(client, window) || connectionId == idFor(client, window - 1);
  }

  private long idFor(InetSocketAddress client, long window) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(client.getAddress().getAddress());
      mac.update(ByteBuffer.allocate(12).putInt(client.getPort()).putLong(window).array());
      return ByteBuffer.wrap(mac.doFinal()).getLong();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
