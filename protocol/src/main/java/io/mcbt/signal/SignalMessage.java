package io.mcbt.signal;

import io.mcbt.metainfo.InfoHash;
import java.util.Arrays;
import java.util.List;

/** Every signalling message; {@link SignalCodec} reads and writes them as JSON. */
public sealed interface SignalMessage {

  /** Peer to tracker, first: who it is, what it wants and holds, where it listens. */
  record Hello(
      String peerId,
      List<InfoHash> wants,
      List<InfoHash> holds,
      int dataPort,
      int controlPort,
      boolean canMulticast)
      implements SignalMessage {
    public Hello {
      wants = List.copyOf(wants);
      holds = List.copyOf(holds);
    }
  }

  /** Where a peer can be reached: address, and its UDP control port (RTT probes, NACKs). */
  record Endpoint(String peerId, String host, int controlPort) {}

  /** Tracker to leecher: the senders it should probe for a torrent. */
  record Candidates(InfoHash infoHash, List<Endpoint> senders) implements SignalMessage {
    public Candidates {
      senders = List.copyOf(senders);
    }
  }

  /**
   * Tracker to leecher: no peer that holds the torrent is on this channel, though its swarm has a
   * seeder. This leecher relays: it sends the torrent's groups, multicasting each piece once it has
   * fetched and verified it over the peer wire. Other leechers find it among their candidates.
   */
  record Relay(InfoHash infoHash) implements SignalMessage {}

  /** One sender's RTT as a leecher measured it: the minimum and median of its probes. */
  record Probe(String senderId, long minRttMicros, long medianRttMicros) {}

  /** Leecher to tracker: its probe results for a torrent. */
  record RttReport(InfoHash infoHash, List<Probe> probes) implements SignalMessage {
    public RttReport {
      probes = List.copyOf(probes);
    }
  }

  /** The timers a group's members use, derived from the group's slowest RTT. */
  record Timers(long statusIntervalMillis, long nackDelayMaxMillis, long roundTimeoutMillis) {}

  /** A member and its RTT, as the sender needs to know it. */
  record GroupMember(Endpoint endpoint, long rttMicros) {}

  /** Tracker to leecher: join this group. The key authenticates the group's datagrams. */
  record GroupAssign(
      long groupId,
      InfoHash infoHash,
      String address,
      int port,
      int ttl,
      byte[] key,
      Endpoint sender,
      Timers timers)
      implements SignalMessage {
    public GroupAssign {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof GroupAssign that
          && groupId == that.groupId
          && infoHash.equals(that.infoHash)
          && address.equals(that.address)
          && port == that.port
          && ttl == that.ttl
          && Arrays.equals(key, that.key)
          && sender.equals(that.sender)
          && timers.equals(that.timers);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(groupId);
    }
  }

  /**
   * Tracker to sender: send the torrent to this group, at most at this rate. A later group-send for
   * the same group adds the members it lists (late joiners, or all members for a new sender).
   */
  record GroupSend(
      long groupId,
      InfoHash infoHash,
      String address,
      int port,
      int ttl,
      byte[] key,
      List<GroupMember> members,
      long rateCeilingBitsPerSecond,
      Timers timers)
      implements SignalMessage {
    public GroupSend {
      key = key.clone();
      members = List.copyOf(members);
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof GroupSend that
          && groupId == that.groupId
          && infoHash.equals(that.infoHash)
          && address.equals(that.address)
          && port == that.port
          && ttl == that.ttl
          && Arrays.equals(key, that.key)
          && members.equals(that.members)
          && rateCeilingBitsPerSecond == that.rateCeilingBitsPerSecond
          && timers.equals(that.timers);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(groupId);
    }
  }

  /** Member to tracker: verified bytes so far. */
  record Progress(long groupId, long bytesDone, long droppedDatagrams) implements SignalMessage {
    public Progress(long groupId, long bytesDone) {
      this(groupId, bytesDone, 0);
    }
  }

  /**
   * Sender to tracker: what it has sent to a group so far, for the group's record.
   *
   * @param bytesSent payload bytes multicast, retransmissions included
   * @param rounds repair rounds run
   * @param retransmittedBytes bytes sent again after NACKs
   * @param nacksReceived NACK datagrams received from members
   */
  record SenderReport(
      long groupId, long bytesSent, int rounds, long retransmittedBytes, long nacksReceived)
      implements SignalMessage {}

  /** Member to tracker: every piece verified. */
  record Done(long groupId) implements SignalMessage {}

  /**
   * Tracker to everyone in a group: it ended, with this outcome ({@code DONE} or {@code FAILED}).
   */
  record GroupEnd(long groupId, String outcome) implements SignalMessage {}

  /** Either way: what was wrong with the last message. */
  record ErrorMessage(String reason) implements SignalMessage {}
}
