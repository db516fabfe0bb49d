package io.mcbt.web.grouping;

import io.mcbt.grouping.application.GroupRecords;
import io.mcbt.grouping.application.SignalGateway;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/torrents/{infohash}/groups}: a torrent's active and finished groups. */
@Path("torrents/{infoHash}/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
public class TorrentGroupsResource {
  @Inject SignalGateway signalling;
  @Inject GroupRecords records;

  @Operation(summary = "A torrent's active and finished groups")
  @GET
  public Map<String, Object> groups(@PathParam("infoHash") String infoHash) {
    return GroupResource.TorrentGroups.of(signalling, records, infoHash);
  }
}
