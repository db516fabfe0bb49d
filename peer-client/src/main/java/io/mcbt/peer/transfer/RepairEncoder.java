package io.mcbt.peer.transfer;

import io.mcbt.peer.storage.PieceStore;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Makes a sender's repair blocks: for each coding group, fresh repair indices round after round, so
 * that every repair block a member receives is new to it. Reads a group's data blocks once for all
 * the repair blocks it makes of that group in a row.
 */
final class RepairEncoder {
  private final CodingGroups groups;
  private final int[] nextIndex;
  private final byte[][] data;
  private final byte[] repair;
  private byte[][] loaded;
  private final CodingGroupReader reader;
  private int loadedGroup = -1;

  RepairEncoder(CodingGroups groups, PieceStore store) {
    this.groups = groups;
    this.nextIndex = new int[groups.count()];
    int blockSize = groups.layout().blockSize();
    int k = groups.end(0) - groups.first(0);
    this.data = new byte[k][blockSize];
    this.repair = new byte[blockSize];
    this.reader = new CodingGroupReader(groups.layout(), store::readBlock, k);
  }

  CodingGroups groups() {
    return groups;
  }

  /** Whether {@code count} more repair blocks of the group exist. */
  boolean canRepair(int group, int count) {
    return nextIndex[group] + count <= groups.code(group).maxRepairBlocks();
  }

  /**
   * Writes the group's next repair block into {@code frame} at {@code index}; returns its index.
   */
  int next(int group, ByteBuffer frame, int index) {
    load(group);
    int repairIndex = nextIndex[group]++;
    int blockSize = groups.layout().blockSize();
    groups.code(group).encode(repairIndex, loaded, blockSize, repair);
    frame.put(index, repair, 0, blockSize);
    return repairIndex;
  }

  private void load(int group) {
    if (group == loadedGroup) {
      return;
    }
    int first = groups.first(group);
    int end = groups.end(group);
    reader.read(first, end, data, null);
    loaded = end - first == data.length ? data : Arrays.copyOf(data, end - first);
    loadedGroup = group;
  }
}
