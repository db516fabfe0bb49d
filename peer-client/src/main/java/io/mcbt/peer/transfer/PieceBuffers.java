package io.mcbt.peer.transfer;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The direct buffers a member gathers pieces in: made on demand up to a bound and reused, since a
 * whole piece waits in its buffer until it is hashed. Taken by the receiving thread, given back by
 * the verifying one; when all are taken, the receiving thread waits for one. They start on a page
 * boundary, so that a whole piece can be written past the page cache from where it was gathered.
 */
final class PieceBuffers {
  private static final int PAGE = 4096;

  private final int capacity;
  private final int most;
  private final BlockingQueue<ByteBuffer> spare;
  private int made;

  PieceBuffers(int capacity, int most) {
    this.capacity = capacity;
    this.most = most;
    this.spare = new ArrayBlockingQueue<>(most);
  }

  int capacity() {
    return capacity;
  }

  /** A spare buffer or a new one; null when every buffer there may be is taken. */
  ByteBuffer poll() {
    ByteBuffer buffer = spare.poll();
    if (buffer == null && made < most) {
      made++;
      buffer = pageAligned(capacity);
    }
    return buffer;
  }

  ByteBuffer take() {
    ByteBuffer buffer = spare.poll();
    if (buffer != null) {
      return buffer;
    }
    if (made < most) {
      made++;
      return pageAligned(capacity);
    }
    try {
      return spare.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pageAligned(capacity); // one more rather than a lost block
    }
  }

  private static ByteBuffer pageAligned(int capacity) {
    return ByteBuffer.allocateDirect(capacity + 2 * PAGE).alignedSlice(PAGE).slice(0, capacity);
  }

  void give(ByteBuffer buffer) {
    spare.offer(buffer.clear());
  }
}
