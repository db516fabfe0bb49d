package io.mcbt.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.signal.SignalMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownMembersTest {
  private final KnownMembers known = new KnownMembers();

  @Test
  void aMemberNamedAgainCountsOnce() {
    assertEquals(1, known.add(7, List.of(member("a"))));
    assertEquals(2, known.add(7, List.of(member("a"), member("b"), member("c"))));
    assertEquals(0, known.add(7, List.of(member("c"))));
    assertEquals(1, known.add(7, List.of(member("d"))));
  }

  @Test
  void groupsAreCountedApart() {
    assertEquals(2, known.add(1, List.of(member("a"), member("b"))));
    assertEquals(2, known.add(2, List.of(member("a"), member("b"))));
  }

  @Test
  void aForgottenGroupStartsAnew() {
    known.add(7, List.of(member("a")));
    known.forget(7);
    assertEquals(1, known.add(7, List.of(member("a"))));
  }

  private static SignalMessage.GroupMember member(String peerId) {
    return new SignalMessage.GroupMember(new SignalMessage.Endpoint(peerId, "10.0.0.1", 7000), 500);
  }
}
