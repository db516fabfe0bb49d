package io.mcbt.peer.cli;

import io.mcbt.signal.SignalMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members a sender has heard of, per group. Its session ends when every member it counts is
 * complete, so a member the tracker names twice (in a group's first list and again as a late
 * joiner, or again to a sender that took the group over) must count once.
 */
final class KnownMembers {
  private final Map<Long, Set<String>> byGroup = new ConcurrentHashMap<>();

  /** Records {@code members} of group {@code groupId}; returns how many were new. */
  int add(long groupId, List<SignalMessage.GroupMember> members) {
    Set<String> known = byGroup.computeIfAbsent(groupId, id -> ConcurrentHashMap.newKeySet());
    int fresh = 0;
    for (SignalMessage.GroupMember member : members) {
      fresh += known.add(member.endpoint().peerId()) ? 1 : 0;
    }
    return fresh;
  }

  void forget(long groupId) {
    byGroup.remove(groupId);
  }
}
