package io.mcbt.web.grouping;

import io.mcbt.grouping.Group;
import io.mcbt.grouping.Member;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The JSON of active groups and of finished groups' records, in one shape. */
final class GroupViews {
  private GroupViews() {}

  static Map<String, Object> active(Group group, long nowNs) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", group.sessionId());
    view.put("infoHash", group.infoHash().hex());
    view.put("state", group.state().name());
    view.put("address", group.address().group().getHostAddress());
    view.put("port", group.address().port());
    view.put("ttl", group.address().ttl());
    view.put("band", group.band());
    view.put("sender", group.senderId());
    view.put("slowestRttMicros", group.slowestRttNs() / 1_000);
    view.put("ageMillis", (nowNs - group.createdAtNs()) / 1_000_000);
    view.put("bytesSent", group.senderFigures().bytesSent());
    view.put("rounds", group.senderFigures().rounds());
    view.put("retransmittedBytes", group.senderFigures().retransmittedBytes());
    view.put("nacksReceived", group.senderFigures().nacksReceived());
    long sendingNs = group.startedAtNs() == 0 ? 0 : nowNs - group.startedAtNs();
    view.put(
        "rateBitsPerSecond",
        sendingNs <= 0 ? 0 : (long) (group.senderFigures().bytesSent() * 8e9 / sendingNs));
    view.put("members", group.members().stream().map(GroupViews::member).toList());
    return view;
  }

  static Map<String, Object> finished(Document record) {
    Map<String, Object> view = new LinkedHashMap<>();
    record.forEach(
        (key, value) ->
            view.put(
                key.equals("_id") ? "id" : key,
                value instanceof Date date ? date.toInstant().toString() : value));
    view.put("state", view.remove("outcome"));
    return view;
  }

  private static Map<String, Object> member(Member member) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("peerId", member.peerId());
    view.put("rttMicros", member.rttNs() / 1_000);
    view.put("lateJoiner", member.lateJoiner());
    view.put("bytesDone", member.bytesDone());
    view.put("droppedDatagrams", member.droppedDatagrams());
    view.put("done", member.done());
    view.put("gone", member.gone());
    return view;
  }

  static List<Map<String, Object>> finished(List<Document> records) {
    return records.stream().map(GroupViews::finished).toList();
  }
}
