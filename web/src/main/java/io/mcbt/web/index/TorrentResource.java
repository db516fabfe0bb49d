package io.mcbt.web.index;

import io.mcbt.index.application.IndexSettings;
import io.mcbt.index.application.Publication;
import io.mcbt.index.application.TorrentCatalog;
import io.mcbt.index.application.UploadRate;
import io.mcbt.index.domain.PublishedTorrent;
import io.mcbt.index.domain.SearchPage;
import io.mcbt.index.domain.SearchQuery;
import io.mcbt.index.domain.TorrentSummary;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.metainfo.MalformedTorrentException;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.application.RegistrationJson;
import io.mcbt.tracker.application.SwarmService;
import io.mcbt.web.ClientAddress;
import io.mcbt.web.errors.ApiException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The torrent index over HTTP: publish a {@code .torrent}, search by name, read metadata, download
 * the original bytes.
 */
@Path("torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentResource {
  static final String BITTORRENT = "application/x-bittorrent";
  private static final int DEFAULT_PAGE_SIZE = 20;

  @Inject TorrentCatalog catalog;
  @Inject IndexSettings settings;
  @Inject UploadRate uploadRate;
  @Inject SwarmService swarms;
  @Context UriInfo uriInfo;
  @Context HttpServletRequest request;

  @Operation(
      summary = "Publish a .torrent",
      description =
          "The body is the .torrent file. With seederPort (and seederHost, else the caller's address), the seeder is registered with the tracker.")
  @APIResponse(responseCode = "201", description = "Published; Location names it")
  @APIResponse(responseCode = "200", description = "Already published; nothing changed")
  @APIResponse(responseCode = "401", description = "Tokens are configured and none valid was sent")
  @APIResponse(
      responseCode = "429",
      description = "Too many uploads from this address; Retry-After says when to try again",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":429,\"error\":\"Too Many Requests\",\"reason\":\"too many uploads from your address: try again in 2 s\"}")))
  @APIResponse(
      responseCode = "503",
      description = "MongoDB is not reachable; Retry-After says when to try again",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":503,\"error\":\"Service Unavailable\",\"reason\":\"the store (MongoDB) is not reachable: try again later\"}")))
  @APIResponse(
      responseCode = "400",
      description = "Malformed torrent",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":400,\"error\":\"Bad Request\",\"reason\":\"malformed torrent: info.pieces length is not a multiple of 20\"}")))
  @APIResponse(
      responseCode = "413",
      description = "Over the size limit",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":413,\"error\":\"Request Entity Too Large\",\"reason\":\"a .torrent file may be at most 10485760 bytes\"}")))
  @APIResponse(
      responseCode = "415",
      description = "Not a .torrent",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":415,\"error\":\"Unsupported Media Type\",\"reason\":\"unsupported content type\"}")))
  @POST
  @Consumes(BITTORRENT)
  public Response publish(
      InputStream body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      @QueryParam("seederPort") String seederPort,
      @QueryParam("seederHost") String seederHost) {
    requireUploadAllowed(authorization);
    int maxBytes = settings.maxTorrentBytes();
    if (contentLength != null && contentLength > maxBytes) {
      throw BoundedBody.tooLarge(maxBytes);
    }
    Optional<PeerEndpoint> seeder = seeder(seederHost, seederPort);
    return published(BoundedBody.read(body, maxBytes), seeder);
  }

  @Operation(
      summary = "Publish a .torrent from a browser form",
      description = "multipart/form-data with the file in the part named torrent")
  /** The same, from a browser form: the file is the part named {@code torrent}. */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response publishForm(
      List<EntityPart> parts,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("seederPort") String seederPort,
      @QueryParam("seederHost") String seederHost) {
    requireUploadAllowed(authorization);
    Optional<PeerEndpoint> seeder = seeder(seederHost, seederPort);
    EntityPart torrent =
        parts.stream()
            .filter(part -> part.getName().equals("torrent"))
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        Response.Status.BAD_REQUEST,
                        "the form has no part named \"torrent\" holding the .torrent file"));
    return published(BoundedBody.read(torrent.getContent(), settings.maxTorrentBytes()), seeder);
  }

  /** The address's upload rate first (so that guessing tokens is as slow), then the token. */
  private void requireUploadAllowed(String authorization) {
    Duration wait =
        uploadRate.acquire(
            ClientAddress.of(request)
                .orElseThrow(
                    () ->
                        new ApiException(
                            Response.Status.BAD_REQUEST,
                            "the client address is not an IP address")));
    if (!wait.isZero()) {
      throw ApiException.tooManyRequests(
          "too many uploads from your address: try again in "
              + Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0))
              + " s",
          wait);
    }
    if (!settings.mayUpload(authorization)) {
      throw ApiException.unauthorized(
          authorization == null
              ? "publishing needs a token: send Authorization: Bearer <token>"
              : "this token may not publish");
    }
  }

  /**
   * The publishing seeder's peer address: {@code seederPort}, at {@code seederHost} or else the
   * address the upload came from.
   */
  private Optional<PeerEndpoint> seeder(String host, String port) {
    if (port == null || port.isBlank()) {
      if (host != null && !host.isBlank()) {
        throw new ApiException(Response.Status.BAD_REQUEST, "seederHost needs seederPort");
      }
      return Optional.empty();
    }
    try {
      String address = host == null || host.isBlank() ? request.getRemoteAddr() : host.trim();
      return Optional.of(RegistrationJson.endpoint(address, number(port, "seederPort", 0)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(Response.Status.BAD_REQUEST, e.getMessage());
    }
  }

  private Response published(byte[] torrentFile, Optional<PeerEndpoint> seeder) {
    Publication publication;
    try {
      publication = catalog.publish(torrentFile, seeder);
    } catch (MalformedTorrentException e) {
      throw new ApiException(Response.Status.BAD_REQUEST, "malformed torrent: " + e.getMessage());
    }
    PublishedTorrent torrent = publication.torrent();
    URI location =
        uriInfo.getBaseUriBuilder().path("torrents").path(torrent.infoHash().hex()).build();
    TorrentView view = view(torrent);
    return publication.created()
        ? Response.created(location).entity(view).build()
        : Response.ok(view).location(location).build();
  }

  @Operation(
      summary = "Search torrents by name words",
      description =
          "Every word must begin a word of the name, ignoring case; newest first; page from 0, size 1 to 100.")
  @APIResponse(
      responseCode = "200",
      description = "One page of results",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"total\":1,\"page\":0,\"size\":20,\"items\":[{\"infoHash\":\"2b61a9169401db93a25bb835d53c1feea7b9be97\",\"name\":\"ubuntu-26.04.iso\",\"totalSize\":1073741824,\"fileCount\":1,\"privateTorrent\":false,\"addedAt\":\"2026-11-25T01:10:00Z\",\"seeders\":1,\"leechers\":3,\"completed\":7}]}")))
  @APIResponse(
      responseCode = "400",
      description = "Bad paging or query",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":400,\"error\":\"Bad Request\",\"reason\":\"size must be between 1 and 100\"}")))
  @GET
  public SearchResultView search(
      @QueryParam("q") String text,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    try {
      SearchPage found =
          catalog.search(
              SearchQuery.of(
                  text, number(page, "page", 0), number(size, "size", DEFAULT_PAGE_SIZE)));
      return SearchResultView.of(
          found,
          swarms.scrape(
              found.items().stream().map(TorrentSummary::infoHash).collect(Collectors.toSet())));
    } catch (IllegalArgumentException e) {
      throw new ApiException(Response.Status.BAD_REQUEST, e.getMessage());
    }
  }

  @Operation(summary = "A torrent's metadata, magnet link and swarm")
  @APIResponse(responseCode = "200", description = "The torrent")
  @APIResponse(
      responseCode = "404",
      description = "Unknown or malformed info-hash",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":404,\"error\":\"Not Found\",\"reason\":\"no torrent with info-hash 0000000000000000000000000000000000000000\"}")))
  @GET
  @Path("{infoHash}")
  public TorrentView metadata(@PathParam("infoHash") String infoHash) {
    PublishedTorrent torrent = catalog.find(parse(infoHash)).orElseThrow(() -> unknown(infoHash));
    return view(torrent);
  }

  @Operation(summary = "The .torrent file, byte for byte as published")
  @APIResponse(responseCode = "200", description = "application/x-bittorrent, with a file name")
  @APIResponse(
      responseCode = "404",
      description = "Unknown or malformed info-hash",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "error",
                      value =
                          "{\"status\":404,\"error\":\"Not Found\",\"reason\":\"no torrent with info-hash 0000000000000000000000000000000000000000\"}")))
  @GET
  @Path("{infoHash}.torrent")
  @Produces(BITTORRENT)
  public Response torrentFile(@PathParam("infoHash") String infoHash) {
    InfoHash hash = parse(infoHash);
    PublishedTorrent torrent = catalog.find(hash).orElseThrow(() -> unknown(infoHash));
    byte[] bytes = catalog.torrentFile(hash).orElseThrow(() -> unknown(infoHash));
    return Response.ok(bytes, BITTORRENT)
        .header("Content-Disposition", ContentDisposition.attachment(torrent.name() + ".torrent"))
        .build();
  }

  private TorrentView view(PublishedTorrent torrent) {
    return TorrentView.of(
        torrent,
        torrentUrl(torrent),
        swarms
            .scrape(Set.of(torrent.infoHash()))
            .getOrDefault(torrent.infoHash(), TorrentView.NO_SWARM));
  }

  private String torrentUrl(PublishedTorrent torrent) {
    return uriInfo
        .getBaseUriBuilder()
        .path("torrents")
        .path(torrent.infoHash().hex() + ".torrent")
        .build()
        .toString();
  }

  private static InfoHash parse(String infoHash) {
    if (!InfoHash.isHex(infoHash)) {
      throw new ApiException(
          Response.Status.NOT_FOUND,
          "not an info-hash: expected 40 hexadecimal digits, got \"" + abbreviate(infoHash) + "\"");
    }
    return InfoHash.fromHex(infoHash);
  }

  private static ApiException unknown(String infoHash) {
    return new ApiException(Response.Status.NOT_FOUND, "no torrent with info-hash " + infoHash);
  }

  private static int number(String value, String name, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
