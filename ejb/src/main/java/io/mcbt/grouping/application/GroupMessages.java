package io.mcbt.grouping.application;

import io.mcbt.grouping.Group;
import io.mcbt.signal.SignalMessage;
import java.util.List;

/** What the tracker tells a group's members and its sender, from the group as it stands. */
final class GroupMessages {
  private GroupMessages() {}

  /** To a member: join the group, whose data comes from {@code sender}. */
  static SignalMessage.GroupAssign assign(Group group, SignalMessage.Endpoint sender) {
    return new SignalMessage.GroupAssign(
        group.sessionId(),
        group.infoHash(),
        group.address().group().getHostAddress(),
        group.address().port(),
        group.address().ttl(),
        group.key(),
        sender,
        GroupTimers.forSlowestRtt(group.slowestRttNs()));
  }

  /** To the sender: send to the group, which has (or has gained) {@code members}. */
  static SignalMessage.GroupSend send(
      Group group, List<SignalMessage.GroupMember> members, long rateCeilingBitsPerSecond) {
    return new SignalMessage.GroupSend(
        group.sessionId(),
        group.infoHash(),
        group.address().group().getHostAddress(),
        group.address().port(),
        group.address().ttl(),
        group.key(),
        members,
        rateCeilingBitsPerSecond,
        GroupTimers.forSlowestRtt(group.slowestRttNs()));
  }

  /** To everyone in the group: it ended, in its current state. */
  static SignalMessage.GroupEnd end(Group group) {
    return new SignalMessage.GroupEnd(group.sessionId(), group.state().name());
  }
}
