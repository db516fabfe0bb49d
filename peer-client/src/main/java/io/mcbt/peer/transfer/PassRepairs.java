package io.mcbt.peer.transfer;

import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.Nack;
import java.io.IOException;
import java.util.Arrays;

/**
 * Repairs during the pass: at each status interval, for every coding group sent whole, as many
 * fresh repair blocks as the member that lacks most of it lacks. Members then mend a group a few
 * milliseconds after it went by, while its piece is still in their memory, instead of reading it
 * back from disk after the pass; the pass's repairs cost the wire what a round's would.
 *
 * <p>Only fresh answers count: those to a status request sent after the group's last repairs. A
 * member handles datagrams in order, so such an answer already reflects those repairs, and an older
 * one would ask for them again. The sender sends each interval's repairs just before its status
 * request, and the pass's requests go out for ever more blocks, so an answer for at least as many
 * blocks as were sent at a group's last repairs is fresh.
 *
 * <p>Groups that a member lost whole, or nearly (a burst, or a late joiner's beginning), are left
 * to the rounds after the pass, which resend their blocks.
 */
final class PassRepairs {
  /** Sends one repair block of a coding group. */
  @FunctionalInterface
  interface Sink {
    void repair(int codingGroup) throws IOException;
  }

  private final CodingGroups groups;
  private final RepairEncoder encoder;

  /** Per group: blocks sent when its last repairs went out, -1 before any. */
  private final int[] repairedAt;

  /** Per group: the most blocks one member lacks there, by this interval's fresh answers. */
  private final int[] demand;

  private int[] asked = new int[64];
  private int askedCount;

  PassRepairs(RepairEncoder encoder) {
    this.encoder = encoder;
    this.groups = encoder.groups();
    this.repairedAt = new int[groups.count()];
    this.demand = new int[groups.count()];
    Arrays.fill(repairedAt, -1);
  }

  /** A member's answer to one of the pass's status requests. */
  void answered(Nack nack) {
    if (nack.round() != 0 || nack.complete()) {
      return;
    }
    int considered = nack.consideredBlocks();
    int group = -1;
    int lacking = 0;
    for (BlockRange range : nack.ranges()) {
      int last = Math.min(groups.groupOf(range.end() - 1), groups.count() - 1);
      for (int g = groups.groupOf(range.first()); g <= last; g++) {
        if (g != group) {
          note(group, lacking, considered);
          group = g;
          lacking = 0;
        }
        lacking += Math.min(range.end(), groups.end(g)) - Math.max(range.first(), groups.first(g));
      }
    }
    note(group, lacking, considered);
  }

  private void note(int group, int lacking, int considered) {
    if (group < 0
        || groups.end(group) > considered
        || considered < repairedAt[group]
        || lacking >= groups.end(group) - groups.first(group)) {
      return;
    }
    if (demand[group] == 0) {
      if (askedCount == asked.length) {
        asked = Arrays.copyOf(asked, 2 * askedCount);
      }
      asked[askedCount++] = group;
    }
    demand[group] = Math.max(demand[group], lacking);
  }

  /**
   * Sends what this interval's answers ask for, with {@code sentBlocks} blocks of the pass sent;
   * returns how many repair blocks went out.
   */
  int send(int sentBlocks, Sink sink) throws IOException {
    int sent = 0;
    for (int i = 0; i < askedCount; i++) {
      int group = asked[i];
      int count = demand[group];
      demand[group] = 0;
      if (!encoder.canRepair(group, count)) {
        continue; // the code is spent: the rounds resend the blocks
      }
      for (int r = 0; r < count; r++) {
        sink.repair(group);
      }
      repairedAt[group] = sentBlocks;
      sent += count;
    }
    askedCount = 0;
    return sent;
  }
}
