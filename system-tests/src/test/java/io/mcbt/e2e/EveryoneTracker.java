package io.mcbt.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bare HTTP tracker on 127.0.0.1 that names every other peer to every peer, whatever it says is
 * {@code left}. Our server's tracker sends a seeder only leechers, and aria2 announces {@code
 * left=0} while it fetches a magnet link's metadata, so through it the two never meet.
 */
final class EveryoneTracker implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();

  EveryoneTracker() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/announce",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          String peerId = parameter(query, "peer_id");
          if ("stopped".equals(parameter(query, "event"))) {
            ports.remove(peerId);
          } else {
            ports.put(peerId, Integer.parseInt(parameter(query, "port")));
          }
          ByteArrayOutputStream peers = new ByteArrayOutputStream();
          ports.forEach(
              (id, port) -> {
                if (!id.equals(peerId)) {
                  peers.writeBytes(
                      new byte[] {127, 0, 0, 1, (byte) (port >> 8), (byte) (int) port});
                }
              });
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.writeBytes(
              ("d8:intervali2e5:peers" + peers.size() + ":").getBytes(StandardCharsets.US_ASCII));
          body.writeBytes(peers.toByteArray());
          body.write('e');
          exchange.sendResponseHeaders(200, body.size());
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.toByteArray());
          }
        });
    server.start();
  }

  String announceUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
  }

  private static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
