package io.mcbt.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupFormationTest {
  private static final long MS = 1_000_000;
  private static final long WINDOW = 2_000 * MS;
  private static final InfoHash ISO = InfoHash.fromHex("aa".repeat(20));
  private static final InfoHash VM = InfoHash.fromHex("bb".repeat(20));

  private AddressPool pool;
  private GroupFormation formation;

  @BeforeEach
  void setUp() {
    pool = new AddressPool("239.192.0.0/16", "40000-40009");
    formation = formation(4);
  }

  private GroupFormation formation(int maxMembers) {
    return new GroupFormation(
        new GroupFormation.Settings(
            RttBands.logarithmic(), WINDOW, maxMembers, 2, 1, 16, 600_000 * MS),
        pool,
        new Random(1));
  }

  /**
   * Leechers arriving at {@code atMs} with their torrent, nearest sender and RTT; the expected
   * grouping names each leecher's group by a letter.
   */
  static Stream<Arguments> arrivals() {
    return Stream.of(
        Arguments.of(
            "same torrent, sender and band: one group",
            List.of(
                l("a", 0, ISO, "s1", 0.3),
                l("b", 100, ISO, "s1", 0.7),
                l("c", 900, ISO, "s1", 0.1)),
            "a=A b=A c=A"),
        Arguments.of(
            "RTT bands apart: separate groups",
            List.of(
                l("a", 0, ISO, "s1", 0.3),
                l("b", 0, ISO, "s1", 3.0),
                l("c", 0, ISO, "s1", 3.9),
                l("d", 0, ISO, "s1", 40)),
            "a=A b=B c=B d=C"),
        Arguments.of(
            "other torrent or other nearest sender: separate groups",
            List.of(l("a", 0, ISO, "s1", 0.3), l("b", 0, VM, "s1", 0.3), l("c", 0, ISO, "s2", 0.3)),
            "a=A b=B c=C"),
        Arguments.of(
            "after the window a new arrival joins the sending group late",
            List.of(l("a", 0, ISO, "s1", 0.3), l("b", 2_500, ISO, "s1", 0.4)),
            "a=A b=A"),
        Arguments.of(
            "a full group starts at once and the next leecher opens a new one",
            List.of(
                l("a", 0, ISO, "s1", 0.1),
                l("b", 1, ISO, "s1", 0.1),
                l("c", 2, ISO, "s1", 0.1),
                l("d", 3, ISO, "s1", 0.1),
                l("e", 4, ISO, "s1", 0.1)),
            "a=A b=A c=A d=A e=B"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrivals")
  void groupsLeechersByTorrentSenderAndRttBand(
      String name, List<Arrival> arrivals, String expected) {
    Map<String, Long> groupOf = new HashMap<>();
    for (Arrival arrival : arrivals) {
      formation.startDue(arrival.atMs() * MS);
      Placement placement =
          formation.join(
              new Candidate(
                  arrival.peer(),
                  arrival.torrent(),
                  arrival.sender(),
                  (long) (arrival.rttMs() * MS)),
              arrival.atMs() * MS);
      groupOf.put(arrival.peer(), placement.group().sessionId());
    }

    assertEquals(expected, letters(arrivals, groupOf));
  }

  @Test
  void aFormingGroupStartsWhenItsWindowEnds() {
    Placement first = join("a", 0, 0.2);

    assertEquals(List.of(), formation.startDue(WINDOW - 1));
    assertEquals(List.of(first.group()), formation.startDue(WINDOW));
    assertEquals(GroupState.SENDING, first.group().state());
    assertEquals(WINDOW, first.group().startedAtNs());
  }

  @Test
  void aLateJoinerIsMarkedAsSuch() {
    join("a", 0, 0.2);
    formation.startDue(WINDOW);

    Placement late = join("b", WINDOW + 1, 0.3);

    assertInstanceOf(Placement.LateJoin.class, late);
    assertTrue(late.group().members().get(1).lateJoiner());
  }

  @Test
  void fillingAGroupStartsIt() {
    for (String peer : List.of("a", "b", "c")) {
      assertInstanceOf(Placement.Forming.class, join(peer, 0, 0.2));
    }
    Placement fourth = join("d", 0, 0.2);

    assertInstanceOf(Placement.Started.class, fourth);
    assertEquals(GroupState.SENDING, fourth.group().state());
  }

  @Test
  void joiningTwiceKeepsTheSamePlace() {
    Placement first = join("a", 0, 0.2);
    Placement again = join("a", 10, 5.0);

    assertSame(first.group(), again.group());
    assertEquals(1, first.group().members().size());
  }

  @Test
  void aGroupEndsDoneWhenEveryMemberIsDoneAndReleasesItsAddress() {
    Group group = join("a", 0, 0.2).group();
    join("b", 0, 0.2);
    formation.startDue(WINDOW);

    assertTrue(formation.done(group.sessionId(), "a", WINDOW + 5).isEmpty());
    assertEquals(1, pool.liveCount());
    Group ended = formation.done(group.sessionId(), "b", WINDOW + 9).orElseThrow();

    assertSame(group, ended);
    assertEquals(GroupState.DONE, ended.state());
    assertEquals(WINDOW + 9, ended.endedAtNs());
    assertEquals(0, pool.liveCount());
    assertEquals(List.of(), formation.activeGroups());
  }

  @Test
  void aGroupWhoseMembersAllLeftWithoutFinishingFails() {
    Group group = join("a", 0, 0.2).group();
    formation.startDue(WINDOW);

    List<Group> ended = formation.gone("a", WINDOW + 1);

    assertEquals(List.of(group), ended);
    assertEquals(GroupState.FAILED, group.state());
  }

  @Test
  void membersThatLeaveDoNotHoldBackThoseThatFinish() {
    Group group = join("a", 0, 0.2).group();
    join("b", 0, 0.2);
    formation.startDue(WINDOW);

    formation.gone("b", WINDOW + 1);
    Group ended = formation.done(group.sessionId(), "a", WINDOW + 2).orElseThrow();

    assertEquals(GroupState.DONE, ended.state());
  }

  @Test
  void aGroupPastItsDeadlineFails() {
    GroupFormation shortDeadline =
        new GroupFormation(
            new GroupFormation.Settings(RttBands.logarithmic(), WINDOW, 4, 2, 1, 16, 1_000 * MS),
            pool,
            new Random(2));
    Group group = shortDeadline.join(new Candidate("a", ISO, "s1", MS), 0).group();
    shortDeadline.startDue(WINDOW);

    assertEquals(List.of(), shortDeadline.expire(WINDOW + 1_000 * MS));
    assertEquals(List.of(group), shortDeadline.expire(WINDOW + 1_001 * MS));
    assertEquals(GroupState.FAILED, group.state());
    assertEquals(0, pool.liveCount());
  }

  @Test
  void onlyTheSendersReportCounts() {
    Group group = join("a", 0, 0.2).group();

    formation.senderReport(group.sessionId(), "a", new Group.SenderFigures(1, 1, 1, 1));
    formation.senderReport(group.sessionId(), "s1", new Group.SenderFigures(9_000, 2, 300, 12));

    assertEquals(new Group.SenderFigures(9_000, 2, 300, 12), group.senderFigures());
  }

  @Test
  void progressKeepsTheLargestReport() {
    Group group = join("a", 0, 0.2).group();

    formation.progress(group.sessionId(), "a", 500);
    formation.progress(group.sessionId(), "a", 300);

    assertEquals(500, group.members().get(0).bytesDone());
  }

  @Test
  void aGoneSenderIsReplacedByAnotherHolder() {
    Group group = join("a", 0, 0.2).group();

    List<Group> changed = formation.replaceSender("s1", List.of("s1", "s7"));

    assertEquals(List.of(group), changed);
    assertEquals("s7", group.senderId());
    assertEquals(List.of(), formation.replaceSender("s1", List.of("s1")));
  }

  @Test
  void localBandsGetTtlOneAndSlowerBandsARoutedTtl() {
    assertEquals(1, join("a", 0, 0.2).group().address().ttl());
    assertEquals(16, join("b", 0, 30).group().address().ttl());
  }

  @Test
  void everyLiveGroupHasItsOwnAddressAndKey() {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      groups.add(formation.join(new Candidate("p" + i, ISO, "s" + i, MS), 0).group());
    }

    assertEquals(30, groups.stream().map(Group::address).distinct().count());
    assertEquals(32, groups.get(0).key().length);
    assertFalse(Arrays.equals(groups.get(0).key(), groups.get(1).key()));
  }

  private Placement join(String peer, long atNs, double rttMs) {
    return formation.join(new Candidate(peer, ISO, "s1", (long) (rttMs * MS)), atNs);
  }

  record Arrival(String peer, long atMs, InfoHash torrent, String sender, double rttMs) {}

  private static Arrival l(String peer, long atMs, InfoHash torrent, String sender, double rttMs) {
    return new Arrival(peer, atMs, torrent, sender, rttMs);
  }

  private static String letters(List<Arrival> arrivals, Map<String, Long> groupOf) {
    Map<Long, Character> letter = new HashMap<>();
    StringBuilder out = new StringBuilder();
    for (Arrival arrival : arrivals) {
      long group = groupOf.get(arrival.peer());
      char name = letter.computeIfAbsent(group, g -> (char) ('A' + letter.size()));
      out.append(out.length() == 0 ? "" : " ").append(arrival.peer()).append('=').append(name);
    }
    return out.toString();
  }
}
