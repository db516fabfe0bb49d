package io.mcbt.grouping.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.grouping.AddressPool;
import io.mcbt.grouping.Candidate;
import io.mcbt.grouping.Group;
import io.mcbt.grouping.GroupFormation;
import io.mcbt.grouping.GroupState;
import io.mcbt.grouping.Member;
import io.mcbt.grouping.Placement;
import io.mcbt.grouping.RttBands;
import io.mcbt.metainfo.InfoHash;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupSnapshotTest {
  private static final long MS = 1_000_000;
  private static final InfoHash ISO = InfoHash.fromHex("aa".repeat(20));

  private final GroupFormation.Settings settings =
      new GroupFormation.Settings(RttBands.logarithmic(), 2_000 * MS, 4, 2, 1, 16, 600_000 * MS);

  @Test
  void aSendingGroupGoesOnWhereItWasOnTheInstanceThatTakesItOver() {
    GroupFormation before =
        new GroupFormation(
            settings, new AddressPool("239.192.0.0/16", "40000-40009"), new Random(1));
    before.join(new Candidate("a", ISO, "s1", 300_000), 0);
    before.join(new Candidate("b", ISO, "s1", 400_000), 10 * MS);
    Group group = before.startDue(2_000 * MS).get(0);
    before.progress(group.sessionId(), "a", 5_000, 3);
    before.done(group.sessionId(), "b", 2_500 * MS);
    before.senderReport(group.sessionId(), "s1", new Group.SenderFigures(9_000, 2, 700, 11));

    // Written at 3 s on one instance, read 1.5 s later by another whose clock has another origin.
    String text = GroupSnapshot.write(group, 3_000 * MS, 1_000_000);
    Group restored = GroupSnapshot.read(text, 77_000 * MS, 1_001_500);

    assertEquals(group.sessionId(), restored.sessionId());
    assertEquals(group.address(), restored.address());
    assertArrayEquals(group.key(), restored.key());
    assertEquals(GroupState.SENDING, restored.state());
    assertEquals(group.senderFigures(), restored.senderFigures());
    assertEquals(group.members().size(), restored.members().size());
    Member a = restored.members().get(0);
    assertEquals(5_000, a.bytesDone());
    assertEquals(3, a.droppedDatagrams());
    assertTrue(restored.members().get(1).done());
    assertEquals(77_000 * MS - 4_500 * MS, restored.createdAtNs(), "created 4.5 s before");
    assertEquals(77_000 * MS - 2_500 * MS, restored.startedAtNs(), "started 2.5 s before");

    GroupFormation after =
        new GroupFormation(
            settings, new AddressPool("239.192.0.0/16", "40000-40009"), new Random(2));
    after.adopt(restored);
    assertTrue(
        after.join(new Candidate("c", ISO, "s1", 300_000), 78_000 * MS)
                instanceof Placement.LateJoin late
            && late.group() == restored,
        "a newcomer joins the adopted group late");
    assertTrue(after.done(restored.sessionId(), "a", 79_000 * MS).isEmpty(), "c is at it");
    assertEquals(
        GroupState.DONE, after.done(restored.sessionId(), "c", 80_000 * MS).orElseThrow().state());
  }

  @Test
  void textThatIsNotASnapshotIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> GroupSnapshot.read("{}", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> GroupSnapshot.read("not json", 0, 0));
  }
}
