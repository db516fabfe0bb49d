package io.mcbt.peer.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mcbt.metainfo.InfoHash;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The torrent index's REST API ({@code /api/torrents}) over HTTP. Every failure, whether the server
 * cannot be reached or it refuses the request, becomes an {@link IndexException} whose message the
 * user can act on.
 */
public final class IndexClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);
  private static final String BITTORRENT = "application/x-bittorrent";
  private static final String JSON = "application/json";
  private static final int MAX_PLAIN_REASON = 200;
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String server;
  private final HttpClient http;
  private final String userAgent;
  private final Optional<String> token;

  /**
   * @param server the server's base URL, such as {@code http://localhost:8080}
   * @param userAgent the {@code User-Agent} to send
   */
  public IndexClient(URI server, String userAgent) {
    this(server, userAgent, Optional.empty());
  }

  /**
   * @param token the bearer token that publishing needs, where the server asks for one
   */
  public IndexClient(URI server, String userAgent, Optional<String> token) {
    this.server = withoutTrailingSlash(Objects.requireNonNull(server).toString());
    this.userAgent = Objects.requireNonNull(userAgent);
    this.token = token.filter(t -> !t.isBlank());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The server's base URL, without a trailing slash. */
  public String server() {
    return server;
  }

  /** The deployment's tracker, which runs next to the index. */
  public String announceUrl() {
    return server + "/announce";
  }

  /** Where the index describes a torrent. */
  public String metadataUrl(InfoHash infoHash) {
    return torrents("/" + infoHash.hex());
  }

  /** Uploads a {@code .torrent} file as it is. */
  public Publication publish(byte[] torrentFile) throws IndexException {
    HttpRequest.Builder builder =
        request(torrents(""), JSON)
            .timeout(UPLOAD_TIMEOUT)
            .header("Content-Type", BITTORRENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrentFile));
    token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response = send(request);
    return new Publication(response.statusCode() == 201, json(response, TorrentDetails.class));
  }

  /**
   * Searches by name.
   *
   * @param query words that must each begin a word of the name; blank lists every torrent
   * @param page from 0
   * @param size 1 to 100
   */
  public SearchPage search(String query, int page, int size) throws IndexException {
    return json(sendSearch(query, page, size), SearchPage.class);
  }

  /** The same search, answered with the server's JSON text as it is. */
  public String searchJson(String query, int page, int size) throws IndexException {
    return new String(sendSearch(query, page, size).body(), StandardCharsets.UTF_8);
  }

  /** A torrent's metadata. */
  public TorrentDetails metadata(InfoHash infoHash) throws IndexException {
    return json(send(request(metadataUrl(infoHash), JSON).GET().build()), TorrentDetails.class);
  }

  /** The exact bytes of the {@code .torrent} file that was published. */
  public byte[] torrentFile(InfoHash infoHash) throws IndexException {
    String url = torrents("/" + infoHash.hex() + ".torrent");
    return send(request(url, BITTORRENT + ", " + JSON).GET().build()).body();
  }

  private HttpResponse<byte[]> sendSearch(String query, int page, int size) throws IndexException {
    String url =
        torrents(
            "?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")
                + "&page="
                + page
                + "&size="
                + size);
    return send(request(url, JSON).GET().build());
  }

  private String torrents(String suffix) {
    return server + "/api/torrents" + suffix;
  }

  private HttpRequest.Builder request(String url, String accept) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", accept)
        .header("User-Agent", userAgent);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IndexException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw IndexException.unreachable(
          server, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw IndexException.unreachable(
          server, "no answer within " + request.timeout().orElseThrow().toSeconds() + " s", e);
    } catch (IOException e) {
      throw IndexException.unreachable(server, describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IndexException.unreachable(server, "interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw IndexException.answered(response.statusCode(), reason(response));
    }
    return response;
  }

  /** The HTTP client often leaves the message out, so look at what kind of failure it was. */
  private static String describe(IOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** The {@code reason} of the server's JSON error, or the best we can say without one. */
  static String reason(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    try {
      JsonNode error = MAPPER.readTree(body);
      if (error != null && error.path("reason").isTextual()) {
        return error.get("reason").asText();
      }
    } catch (IOException notJson) {
      // A proxy or the container answered instead of the API; fall through.
    }
    String contentType =
        response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (contentType.startsWith("text/plain")
        && !text.isEmpty()
        && text.length() <= MAX_PLAIN_REASON
        && text.lines().count() == 1) {
      return text;
    }
    return "the server answered HTTP " + response.statusCode() + " without a reason";
  }

  private static <T> T json(HttpResponse<byte[]> response, Class<T> type) throws IndexException {
    try {
      return MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw new IndexException(
          response.statusCode(),
          "unexpected answer",
          "the index answered "
              + response.request().uri()
              + " with something other than the expected JSON",
          e);
    }
  }

  private static String withoutTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
