package io.mcbt.tracker.application;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of {@code POST /api/tracker/registrations}: {@code {"infoHash": "...", "seeder":
 * {"host": "192.0.2.7", "port": 6881}}}, the seeder being optional.
 */
public final class RegistrationJson {
  private RegistrationJson() {}

  public static String write(SeederRegistration registration) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("infoHash", registration.infoHash().hex());
    registration
        .seeder()
        .ifPresent(
            seeder ->
                json.add(
                    "seeder",
                    Json.createObjectBuilder()
                        .add("host", seeder.host())
                        .add("port", seeder.port())));
    return json.build().toString();
  }

  /**
   * Reads a registration.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static SeederRegistration read(JsonObject json) {
    String hash = json.getString("infoHash", null);
    if (!InfoHash.isHex(hash)) {
      throw new IllegalArgumentException("infoHash must be 40 hexadecimal digits");
    }
    Optional<PeerEndpoint> seeder = Optional.empty();
    if (json.containsKey("seeder") && !json.isNull("seeder")) {
      JsonObject object = json.getJsonObject("seeder");
      seeder = Optional.of(endpoint(object.getString("host", ""), object.getInt("port", 0)));
    }
    return new SeederRegistration(InfoHash.fromHex(hash), seeder, Instant.now());
  }

  /** An IP address literal and a port; host names are refused, so no lookup ever happens. */
  public static PeerEndpoint endpoint(String host, int port) {
    if (!isAddressLiteral(host)) {
      throw new IllegalArgumentException("seeder host must be an IPv4 or IPv6 address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("seeder port must be between 1 and 65535");
    }
    try {
      return PeerEndpoint.of(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("seeder host must be an IPv4 or IPv6 address");
    }
  }

  private static boolean isAddressLiteral(String host) {
    return host != null
        && !host.isEmpty()
        && host.length() <= 45
        && (host.matches("[0-9.]+") || host.matches("[0-9a-fA-F:.]+") && host.contains(":"));
  }
}
