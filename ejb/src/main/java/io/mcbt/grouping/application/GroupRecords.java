package io.mcbt.grouping.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.mcbt.grouping.Group;
import io.mcbt.grouping.Member;
import io.mcbt.metainfo.InfoHash;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** The {@code groups} collection: one record per finished group, for operators and the web page. */
@ApplicationScoped
public class GroupRecords {
  static final String COLLECTION = "groups";

  @Inject MongoDatabase database;
  private MongoCollection<Document> groups;

  @PostConstruct
  void open() {
    groups = database.getCollection(COLLECTION);
  }

  /**
   * Writes the record of an ended group; {@code nowNs} ties its nano times to the wall clock, and
   * {@code trackerRttsNs} holds the tracker's own RTT to each peer it still knows.
   */
  public void write(Group group, long nowNs, Map<String, Long> trackerRttsNs) {
    Instant now = Instant.now();
    List<Document> members = new ArrayList<>();
    for (Member member : group.members()) {
      members.add(
          new Document("peerId", member.peerId())
              .append("rttMicros", member.rttNs() / 1_000)
              .append(
                  "trackerRttMicros",
                  trackerRttsNs.containsKey(member.peerId())
                      ? trackerRttsNs.get(member.peerId()) / 1_000
                      : null)
              .append("lateJoiner", member.lateJoiner())
              .append("bytesDone", member.bytesDone())
              .append("droppedDatagrams", member.droppedDatagrams())
              .append("done", member.done())
              .append("gone", member.gone()));
    }
    Document record =
        new Document("_id", group.sessionId())
            .append("infoHash", group.infoHash().hex())
            .append("address", group.address().group().getHostAddress())
            .append("port", group.address().port())
            .append("ttl", group.address().ttl())
            .append("band", group.band())
            .append("sender", group.senderId())
            .append("members", members)
            .append("outcome", group.state().name())
            .append("bytesSent", group.senderFigures().bytesSent())
            .append("rounds", group.senderFigures().rounds())
            .append("retransmittedBytes", group.senderFigures().retransmittedBytes())
            .append("nacksReceived", group.senderFigures().nacksReceived())
            .append("createdAt", wall(now, nowNs, group.createdAtNs()))
            .append(
                "startedAt",
                group.startedAtNs() == 0 ? null : wall(now, nowNs, group.startedAtNs()))
            .append("endedAt", wall(now, nowNs, group.endedAtNs()))
            .append(
                "durationMillis",
                group.startedAtNs() == 0
                    ? 0
                    : (group.endedAtNs() - group.startedAtNs()) / 1_000_000);
    groups.replaceOne(
        Filters.eq("_id", group.sessionId()), record, new ReplaceOptions().upsert(true));
  }

  public Optional<Document> find(long sessionId) {
    return Optional.ofNullable(groups.find(Filters.eq("_id", sessionId)).first());
  }

  public List<Document> ofTorrent(InfoHash infoHash, int limit) {
    return groups
        .find(Filters.eq("infoHash", infoHash.hex()))
        .sort(Sorts.descending("endedAt"))
        .limit(limit)
        .into(new ArrayList<>());
  }

  private static Date wall(Instant now, long nowNs, long atNs) {
    return Date.from(now.minus(Duration.ofNanos(nowNs - atNs)));
  }
}
