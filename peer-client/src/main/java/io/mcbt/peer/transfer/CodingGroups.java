package io.mcbt.peer.transfer;

import io.mcbt.transfer.BlockLayout;
import io.mcbt.transfer.ReedSolomonCode;

/**
 * How a session's blocks form Reed-Solomon coding groups: {@code k} consecutive blocks each, the
 * last group possibly smaller. Blocks shorter than the block size count as zero-padded.
 */
final class CodingGroups {
  private final BlockLayout layout;
  private final int k;
  private final ReedSolomonCode full;
  private final ReedSolomonCode last;

  CodingGroups(BlockLayout layout, int k) {
    this.layout = layout;
    this.k = k;
    this.full = new ReedSolomonCode(k);
    int lastSize = layout.blockCount() - (count() - 1) * k;
    this.last = lastSize == k ? full : new ReedSolomonCode(lastSize);
  }

  int count() {
    return (layout.blockCount() + k - 1) / k;
  }

  int groupOf(int block) {
    return block / k;
  }

  int first(int group) {
    return group * k;
  }

  int end(int group) {
    return Math.min(layout.blockCount(), (group + 1) * k);
  }

  ReedSolomonCode code(int group) {
    return group == count() - 1 ? last : full;
  }

  BlockLayout layout() {
    return layout;
  }
}
