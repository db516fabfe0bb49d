package io.mcbt.web.grouping;

import io.mcbt.grouping.application.GroupRecords;
import io.mcbt.grouping.application.SignalGateway;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.web.errors.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Active multicast groups, and the records of finished ones. */
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
public class GroupResource {
  @Inject SignalGateway signalling;
  @Inject GroupRecords records;
  @Inject GroupStream stream;

  @Operation(summary = "Active multicast groups, with members, RTTs and progress")
  @GET
  public List<Map<String, Object>> active() {
    long now = System.nanoTime();
    return signalling.activeGroups().stream().map(group -> GroupViews.active(group, now)).toList();
  }

  @Operation(
      summary = "Active groups as server-sent events (event name groups), now and on every change")
  /** The active groups as server-sent events: now, and again whenever they change. */
  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@Context SseEventSink sink, @Context Sse sse) {
    stream.listen(sink, sse);
  }

  @Operation(summary = "One group: active, or the record of a finished one")
  @APIResponse(responseCode = "200", description = "The group")
  @APIResponse(
      responseCode = "404",
      description = "Unknown group",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":404,\"error\":\"Not Found\",\"reason\":\"no group 42\"}")))
  @GET
  @Path("{id}")
  public Map<String, Object> group(@PathParam("id") String id) {
    long sessionId;
    try {
      sessionId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(Response.Status.NOT_FOUND, "not a group id: " + id);
    }
    return signalling
        .group(sessionId)
        .map(group -> GroupViews.active(group, System.nanoTime()))
        .or(() -> records.find(sessionId).map(GroupViews::finished))
        .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "no group " + id));
  }

  /** A torrent's groups: {@code {"active": [...], "finished": [...]}}, finished newest first. */
  static final class TorrentGroups {
    private TorrentGroups() {}

    static Map<String, Object> of(SignalGateway signalling, GroupRecords records, String infoHash) {
      if (!InfoHash.isHex(infoHash)) {
        throw new ApiException(Response.Status.NOT_FOUND, "not an info-hash: " + infoHash);
      }
      InfoHash hash = InfoHash.fromHex(infoHash);
      long now = System.nanoTime();
      return Map.of(
          "active",
          signalling.activeGroups().stream()
              .filter(group -> group.infoHash().equals(hash))
              .map(group -> GroupViews.active(group, now))
              .toList(),
          "finished",
          GroupViews.finished(records.ofTorrent(hash, 50)));
    }
  }
}
