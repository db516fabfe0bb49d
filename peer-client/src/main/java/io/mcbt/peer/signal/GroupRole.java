package io.mcbt.peer.signal;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.SignalMessage;

/** A leecher's part in its torrent's multicast groups, as the tracker decided it. */
public sealed interface GroupRole {
  /** It receives the group's multicast. */
  record Member(SignalMessage.GroupAssign assign) implements GroupRole {}

  /** Nobody on the channel holds the torrent: it sends the groups from what it fetches. */
  record Relay(InfoHash torrent) implements GroupRole {}

  /** No group came in time: the peer wire does it all. */
  record None() implements GroupRole {}
}
