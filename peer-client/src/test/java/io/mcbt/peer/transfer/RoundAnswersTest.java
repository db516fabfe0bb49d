package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.transfer.BlockRange;
import io.mcbt.transfer.Nack;
import io.mcbt.transfer.SessionParameters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ten blocks in coding groups of four: blocks 0-3, 4-7 and the partial group 8-9. */
class RoundAnswersTest {
  private static final SessionParameters PARAMETERS = new SessionParameters(42, 1_000, 4);
  private static final int ROUND = 3;
  private static final int BLOCKS = 10;
  private static final int K = 4;
  private static final int GROUPS = 3;
  private static final SocketAddress A = new InetSocketAddress("127.0.0.1", 1001);
  private static final SocketAddress B = new InetSocketAddress("127.0.0.1", 1002);
  private static final SocketAddress C = new InetSocketAddress("127.0.0.1", 1003);

  private static Nack missing(int round, BlockRange... ranges) {
    int count = 0;
    for (BlockRange range : ranges) {
      count += range.count();
    }
    return new Nack(PARAMETERS, round, BLOCKS, count, false, false, List.of(ranges));
  }

  private static Nack complete(int round) {
    return new Nack(PARAMETERS, round, BLOCKS, 0, true, false, List.of());
  }

  private static BitSet bits(int... blocks) {
    BitSet bits = new BitSet();
    for (int block : blocks) {
      bits.set(block);
    }
    return bits;
  }

  /** A misses 2-5 (across the first boundary) and 9; B misses 0-1, 3 and 7-9 (across the last). */
  private static RoundAnswers twoMembers() {
    RoundAnswers answers = new RoundAnswers(ROUND);
    answers.add(A, missing(ROUND, new BlockRange(2, 4), new BlockRange(9, 1)));
    answers.add(
        B, missing(ROUND, new BlockRange(0, 2), new BlockRange(3, 1), new BlockRange(7, 3)));
    return answers;
  }

  @Test
  void theUnionOfWhatMembersMiss() {
    assertEquals(bits(0, 1, 2, 3, 4, 5, 7, 8, 9), twoMembers().union());
  }

  @Test
  void perGroupTheMostOneMemberMisses() {
    // A: 2, 2, 1 per group; B: 3, 1, 2.
    assertArrayEquals(new int[] {3, 2, 2}, twoMembers().demand(GROUPS, K));
  }

  @Test
  void aRangeSpanningSeveralGroupsCountsInEach() {
    RoundAnswers answers = new RoundAnswers(ROUND);
    answers.add(A, missing(ROUND, new BlockRange(1, 9)));
    assertArrayEquals(new int[] {3, 4, 2}, answers.demand(GROUPS, K));
  }

  @Test
  void blocksBeyondTheGroupsAskedForAreLeftOut() {
    assertArrayEquals(new int[] {3, 2}, twoMembers().demand(2, K));
  }

  @Test
  void noAnswersNoDemand() {
    RoundAnswers answers = new RoundAnswers(ROUND);
    assertArrayEquals(new int[GROUPS], answers.demand(GROUPS, K));
    assertTrue(answers.union().isEmpty());
    assertEquals(0, answers.mostMissing());
    assertEquals(0, answers.count());
  }

  @Test
  void answersToOtherRoundsAreIgnored() {
    RoundAnswers answers = twoMembers();
    answers.add(C, missing(ROUND - 1, new BlockRange(6, 1)));
    answers.add(A, missing(ROUND + 1, new BlockRange(0, 10)));

    assertEquals(2, answers.count());
    assertEquals(Set.of(A, B), answers.members());
    assertArrayEquals(new int[] {3, 2, 2}, answers.demand(GROUPS, K));
    assertEquals(bits(0, 1, 2, 3, 4, 5, 7, 8, 9), answers.union());
  }

  @Test
  void aMembersNacksAddUpAndARepeatedOneCountsOnce() {
    RoundAnswers answers = twoMembers();
    answers.add(B, missing(ROUND, new BlockRange(6, 1)));
    answers.add(B, missing(ROUND, new BlockRange(6, 1)));

    assertEquals(2, answers.count());
    assertEquals(bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), answers.union());
    assertArrayEquals(new int[] {3, 2, 2}, answers.demand(GROUPS, K));
  }

  @Test
  void completeMembersAndTheMostMissing() {
    RoundAnswers answers = twoMembers();
    answers.add(C, complete(ROUND));

    assertEquals(Set.of(C), answers.complete());
    assertEquals(6, answers.mostMissing()); // B: 2 + 1 + 3
    assertEquals(Set.of(A, B, C), answers.members());
  }

  @Test
  void mostMissingCountsBlocksNotListed() {
    RoundAnswers answers = new RoundAnswers(ROUND);
    answers.add(A, new Nack(PARAMETERS, ROUND, BLOCKS, 7, false, false, List.of()));
    assertEquals(7, answers.mostMissing());
    assertTrue(answers.complete().isEmpty());
  }

  @Test
  void membersIsACopy() {
    RoundAnswers answers = twoMembers();
    answers.members().clear();
    assertEquals(2, answers.count());
  }
}
