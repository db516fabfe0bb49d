package io.mcbt.transfer;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals frames with, and checks them against, a truncated HMAC-SHA256 (128 bits, as RFC 4868
 * truncates it for IPsec) under the group's key, which only the group's members and sender get from
 * the tracker. One instance per thread: it reuses its {@link Mac} and buffers, so sealing and
 * checking allocate nothing.
 */
public final class FrameAuthenticator {
  public static final int TAG_LENGTH = 16;
  public static final int MIN_KEY_LENGTH = 16;

  /** The most a frame, tag included, can be: a UDP datagram's payload over IPv4. */
  public static final int MAX_FRAME_LENGTH = 65_507;

  private final Mac mac;
  private final byte[] digest = new byte[32];
  private final byte[] copy = new byte[MAX_FRAME_LENGTH];

  public FrameAuthenticator(byte[] key) {
    if (key.length < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("a group key has at least " + MIN_KEY_LENGTH + " bytes");
    }
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable group key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no HmacSHA256", e);
    }
  }

  /**
   * Appends the tag to the frame between {@code frame}'s position and limit, and moves the limit
   * past it. The buffer needs {@link #TAG_LENGTH} bytes of room after the limit; the sealed frame
   * must fit in {@link #MAX_FRAME_LENGTH}.
   */
  public void seal(ByteBuffer frame) {
    int start = frame.position();
    int end = frame.limit();
    if (end - start + TAG_LENGTH > MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "a sealed frame of " + (end - start + TAG_LENGTH) + " bytes does not fit a datagram");
    }
    update(frame, start, end);
    macInto(digest);
    frame.limit(end + TAG_LENGTH);
    frame.put(end, digest, 0, TAG_LENGTH);
  }

  /**
   * Whether the last {@link #TAG_LENGTH} bytes of the frame (position to limit) are the tag of the
   * bytes before them; false for a frame shorter than a tag or longer than {@link
   * #MAX_FRAME_LENGTH}. Leaves position and limit as they were. Compares in constant time.
   */
  public boolean verify(ByteBuffer frame) {
    int start = frame.position();
    int end = frame.limit();
    if (end - start < TAG_LENGTH || end - start > MAX_FRAME_LENGTH) {
      return false;
    }
    update(frame, start, end - TAG_LENGTH);
    macInto(digest);
    int difference = 0;
    for (int i = 0; i < TAG_LENGTH; i++) {
      difference |= digest[i] ^ frame.get(end - TAG_LENGTH + i);
    }
    return difference == 0;
  }

  private void update(ByteBuffer frame, int from, int to) {
    frame.get(from, copy, 0, to - from);
    mac.update(copy, 0, to - from);
  }

  private void macInto(byte[] out) {
    try {
      mac.doFinal(out, 0);
    } catch (javax.crypto.ShortBufferException e) {
      throw new IllegalStateException("a 32-byte buffer holds an HMAC-SHA256", e);
    }
  }
}
