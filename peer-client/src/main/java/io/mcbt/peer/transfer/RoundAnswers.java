package io.mcbt.peer.transfer;

import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.Nack;
import java.net.SocketAddress;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the members answered in one repair round, and what the sender should send next: the union of
 * the blocks they miss, or per coding group the most blocks any one member misses there (one repair
 * block serves every member that misses one block of the group, whichever it is).
 */
final class RoundAnswers {
  private final int round;
  private final Map<SocketAddress, Nack> answers = new HashMap<>();

  RoundAnswers(int round) {
    this.round = round;
  }

  /** Keeps a member's answer to this round; later answers of the same member replace it. */
  void add(SocketAddress member, Nack nack) {
    if (nack.round() == round) {
      answers.put(member, nack);
    }
  }

  int count() {
    return answers.size();
  }

  Set<SocketAddress> members() {
    return new HashSet<>(answers.keySet());
  }

  /** The blocks some member misses. */
  BitSet union() {
    BitSet union = new BitSet();
    for (Nack nack : answers.values()) {
      for (BlockRange range : nack.ranges()) {
        union.set(range.first(), range.end());
      }
    }
    return union;
  }

  /** Per coding group of {@code k} blocks, the most blocks one member misses in it. */
  int[] demand(int groupCount, int k) {
    int[] demand = new int[groupCount];
    int[] mine = new int[groupCount];
    for (Nack nack : answers.values()) {
      java.util.Arrays.fill(mine, 0);
      for (BlockRange range : nack.ranges()) {
        for (int block = range.first(); block < range.end(); ) {
          int group = block / k;
          int groupEnd = Math.min(range.end(), (group + 1) * k);
          if (group < groupCount) {
            mine[group] += groupEnd - block;
          }
          block = groupEnd;
        }
      }
      for (int group = 0; group < groupCount; group++) {
        demand[group] = Math.max(demand[group], mine[group]);
      }
    }
    return demand;
  }

  /** The most blocks one member misses. */
  int mostMissing() {
    return answers.values().stream().mapToInt(Nack::missingBlocks).max().orElse(0);
  }

  /** Members that hold everything. */
  Set<SocketAddress> complete() {
    Set<SocketAddress> complete = new HashSet<>();
    answers.forEach(
        (member, nack) -> {
          if (nack.complete()) {
            complete.add(member);
          }
        });
    return complete;
  }
}
