package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcbt.metainfo.InfoHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@link ClusterIT} asks one instance of a cluster over HTTP. */
final class ClusterInstances {
  private static final Pattern ADDRESS =
      Pattern.compile("\"address\":\"([0-9.]+)\",\"port\":(\\d+)");

  private final HttpClient http = HttpClient.newHttpClient();

  /** The multicast address:port pairs of the groups the instance lists. */
  Set<String> listedPairs(ServerProcess server) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.api("groups")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    Set<String> pairs = new HashSet<>();
    Matcher matcher = ADDRESS.matcher(response.body().replace(" ", ""));
    while (matcher.find()) {
      pairs.add(matcher.group(1) + ":" + matcher.group(2));
    }
    return pairs;
  }

  /** Registers {@code torrent} with the instance's tracker, as another index would. */
  void register(ServerProcess server, InfoHash torrent) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.api("tracker/registrations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"infoHash\":\"" + torrent.hex() + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  /** An HTTP announce with peers as dictionaries, so that their ports can be read. */
  String announce(ServerProcess server, InfoHash torrent, int peer) throws Exception {
    String peerId = String.format("-IT0001-%012d", peer);
    String url =
        server.baseUrl()
            + "/announce?compact=0&info_hash="
            + TrackerProbe.percentEncoded(torrent.bytes())
            + "&peer_id="
            + peerId
            + "&port="
            + (10_000 + peer)
            + "&uploaded=0&downloaded=0&left=1000";
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new String(response.body(), StandardCharsets.ISO_8859_1);
  }
}
