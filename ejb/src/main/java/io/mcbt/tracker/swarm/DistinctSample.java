package io.mcbt.tracker.swarm;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks {@code count} distinct numbers from {@code [0, bound)} uniformly (Floyd's algorithm), with
 * a small open-addressing set of primitive ints: an announce samples up to a few hundred peers, and
 * boxing each candidate into a {@code HashSet<Integer>} cost more than the rest of the sample.
 */
final class DistinctSample {
  private DistinctSample() {}

  static int[] of(int count, int bound, RandomGenerator random) {
    int[] picked = new int[count];
    int[] table = new int[Integer.highestOneBit(Math.max(1, count) * 2) * 2];
    Arrays.fill(table, -1);
    int mask = table.length - 1;
    int size = 0;
    for (int j = bound - count; j < bound; j++) {
      int candidate = random.nextInt(j + 1);
      int chosen = insert(table, mask, candidate) ? candidate : j;
      if (chosen == j) {
        insert(table, mask, j);
      }
      picked[size++] = chosen;
    }
    return picked;
  }

  /** Adds {@code value}; false if it was there already. */
  private static boolean insert(int[] table, int mask, int value) {
    int slot = (value * 0x9E3779B9) >>> 1 & mask;
    while (table[slot] != -1) {
      if (table[slot] == value) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = value;
    return true;
  }
}
