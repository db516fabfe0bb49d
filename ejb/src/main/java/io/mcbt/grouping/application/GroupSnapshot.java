package io.mcbt.grouping.application;

import io.mcbt.grouping.Group;
import io.mcbt.grouping.GroupState;
import io.mcbt.grouping.Member;
import io.mcbt.grouping.MulticastAddress;
import io.mcbt.metainfo.InfoHash;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;

/**
 * A group as text, for the instance that takes the cluster's groups over. Times travel as ages in
 * milliseconds at the wall-clock moment of writing: each instance's {@code nanoTime} has its own
 * origin.
 */
final class GroupSnapshot {
  private GroupSnapshot() {}

  static String write(Group group, long nowNs, long nowEpochMillis) {
    List<Document> members = new ArrayList<>();
    for (Member member : group.members()) {
      members.add(
          new Document("peerId", member.peerId())
              .append("rttNs", member.rttNs())
              .append("joinedAgoMs", agoMillis(member.joinedAtNs(), nowNs))
              .append("lateJoiner", member.lateJoiner())
              .append("bytesDone", member.bytesDone())
              .append("done", member.done())
              .append("gone", member.gone())
              .append("droppedDatagrams", member.droppedDatagrams()));
    }
    Group.SenderFigures sent = group.senderFigures();
    return new Document("sessionId", group.sessionId())
        .append("infoHash", group.infoHash().hex())
        .append("senderId", group.senderId())
        .append("band", group.band())
        .append("address", group.address().group().getHostAddress())
        .append("port", group.address().port())
        .append("ttl", group.address().ttl())
        .append("key", Base64.getEncoder().encodeToString(group.key()))
        .append("state", group.state().name())
        .append("writtenAt", nowEpochMillis)
        .append("createdAgoMs", agoMillis(group.createdAtNs(), nowNs))
        .append(
            "startedAgoMs", group.startedAtNs() == 0 ? -1 : agoMillis(group.startedAtNs(), nowNs))
        .append("members", members)
        .append("bytesSent", sent.bytesSent())
        .append("rounds", sent.rounds())
        .append("retransmittedBytes", sent.retransmittedBytes())
        .append("nacksReceived", sent.nacksReceived())
        .toJson();
  }

  /**
   * @throws IllegalArgumentException if the text is not a snapshot
   */
  static Group read(String text, long nowNs, long nowEpochMillis) {
    try {
      Document doc = Document.parse(text);
      long sinceWritten = Math.max(0, nowEpochMillis - number(doc, "writtenAt"));
      List<Member> members = new ArrayList<>();
      for (Document member : doc.getList("members", Document.class)) {
        members.add(
            new Member(
                member.getString("peerId"),
                number(member, "rttNs"),
                at(number(member, "joinedAgoMs") + sinceWritten, nowNs),
                member.getBoolean("lateJoiner"),
                number(member, "bytesDone"),
                member.getBoolean("done"),
                member.getBoolean("gone"),
                number(member, "droppedDatagrams")));
      }
      long startedAgo = number(doc, "startedAgoMs");
      return Group.restored(
          number(doc, "sessionId"),
          InfoHash.fromHex(doc.getString("infoHash")),
          doc.getString("senderId"),
          doc.getInteger("band"),
          new MulticastAddress(
              ipv4(doc.getString("address")), doc.getInteger("port"), doc.getInteger("ttl")),
          Base64.getDecoder().decode(doc.getString("key")),
          at(number(doc, "createdAgoMs") + sinceWritten, nowNs),
          GroupState.valueOf(doc.getString("state")),
          startedAgo < 0 ? 0 : at(startedAgo + sinceWritten, nowNs),
          members,
          new Group.SenderFigures(
              number(doc, "bytesSent"),
              doc.getInteger("rounds"),
              number(doc, "retransmittedBytes"),
              number(doc, "nacksReceived")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a group snapshot: " + e.getMessage(), e);
    }
  }

  /** BSON's JSON reader makes small numbers ints and large ones longs. */
  private static long number(Document doc, String key) {
    return doc.get(key, Number.class).longValue();
  }

  private static long agoMillis(long atNs, long nowNs) {
    return Math.max(0, (nowNs - atNs) / 1_000_000);
  }

  /** Never 0: 0 means "not yet" for the start of a group. */
  private static long at(long agoMillis, long nowNs) {
    long at = nowNs - agoMillis * 1_000_000;
    return at == 0 ? 1 : at;
  }

  private static Inet4Address ipv4(String literal) {
    try {
      if (InetAddress.getByName(literal) instanceof Inet4Address v4 && literal.indexOf('.') > 0) {
        return v4;
      }
    } catch (UnknownHostException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an IPv4 address: " + literal);
  }
}
