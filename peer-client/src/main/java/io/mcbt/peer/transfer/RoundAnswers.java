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
  private final Map<SocketAddress, Answer> answers = new HashMap<>();

  /** One member's answer: the union of the ranges of its NACKs this round, and its counts. */
  private static final class Answer {
    final BitSet missing = new BitSet();
    int missingBlocks;
    boolean complete;
  }

  RoundAnswers(int round) {
    this.round = round;
  }

  /**
   * Adds a member's NACK to this round. A member lists more ranges than fit one datagram over
   * several NACKs, and may answer a repeated request again: its ranges add up, counted once.
   */
  void add(SocketAddress member, Nack nack) {
    if (nack.round() != round) {
      return;
    }
    Answer answer = answers.computeIfAbsent(member, m -> new Answer());
    for (BlockRange range : nack.ranges()) {
      answer.missing.set(range.first(), range.end());
    }
    answer.missingBlocks = nack.missingBlocks();
    answer.complete |= nack.complete();
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
    for (Answer answer : answers.values()) {
      union.or(answer.missing);
    }
    return union;
  }

  /** Per coding group of {@code k} blocks, the most blocks one member misses in it. */
  int[] demand(int groupCount, int k) {
    int[] demand = new int[groupCount];
    for (Answer answer : answers.values()) {
      BitSet missing = answer.missing;
      int inGroup = 0;
      int group = -1;
      for (int block = missing.nextSetBit(0); block >= 0; block = missing.nextSetBit(block + 1)) {
        int g = block / k;
        if (g >= groupCount) {
          break;
        }
        if (g != group) {
          group = g;
          inGroup = 0;
        }
        demand[g] = Math.max(demand[g], ++inGroup);
      }
    }
    return demand;
  }

  /** The most blocks one member misses. */
  int mostMissing() {
    return answers.values().stream().mapToInt(answer -> answer.missingBlocks).max().orElse(0);
  }

  /** Members that hold everything. */
  Set<SocketAddress> complete() {
    Set<SocketAddress> complete = new HashSet<>();
    answers.forEach(
        (member, answer) -> {
          if (answer.complete) {
            complete.add(member);
          }
        });
    return complete;
  }
}
