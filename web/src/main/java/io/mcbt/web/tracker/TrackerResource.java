package io.mcbt.web.tracker;

import io.mcbt.outbox.Outbox;
import io.mcbt.tracker.application.RegistrationJson;
import io.mcbt.tracker.application.SeederRegistration;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.tracker.application.Tracker;
import io.mcbt.tracker.application.TrackerStats;
import io.mcbt.web.errors.ApiException;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tracker's JSON API: figures, and registrations from the indexes of this deployment. */
@Path("tracker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tracker")
public class TrackerResource {
  @Inject Tracker tracker;
  @Inject SwarmService swarms;
  @Inject Outbox outbox;

  @Operation(summary = "The tracker's figures")
  @GET
  @Path("stats")
  public TrackerStats stats() {
    return swarms.stats(outbox.pending());
  }

  @Operation(summary = "Register a torrent and its seeder (from another index of the deployment)")
  @APIResponse(responseCode = "200", description = "Registered")
  @APIResponse(
      responseCode = "400",
      description = "Bad registration",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":400,\"error\":\"Bad Request\",\"reason\":\"bad registration: seeder host must be an IPv4 or IPv6 address\"}")))
  /**
   * A remote index registers a torrent (and its seeder) here; registering again is harmless. Body:
   * {@code {"infoHash": "<40 hex>", "seeder": {"host": "192.0.2.7", "port": 6881}}}.
   */
  @POST
  @Path("registrations")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(JsonObject body) {
    SeederRegistration registration;
    try {
      registration = RegistrationJson.read(body);
    } catch (IllegalArgumentException | ClassCastException | JsonException e) {
      throw new ApiException(Response.Status.BAD_REQUEST, "bad registration: " + e.getMessage());
    }
    tracker.register(registration);
    return Response.ok(Map.of("infoHash", registration.infoHash().hex(), "registered", true))
        .build();
  }
}
