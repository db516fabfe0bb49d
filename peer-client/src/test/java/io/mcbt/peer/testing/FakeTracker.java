package io.mcbt.peer.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal HTTP tracker on 127.0.0.1 for tests: remembers every announcing peer's port by peer id
 * and answers each with the compact addresses of the others, interval one second.
 */
public final class FakeTracker implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final List<String> queries = new ArrayList<>();

  public FakeTracker() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/announce",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          synchronized (queries) {
            queries.add(query);
          }
          String peerId = param(query, "peer_id");
          int port = Integer.parseInt(param(query, "port"));
          if ("stopped".equals(param(query, "event"))) {
            ports.remove(peerId);
          } else {
            ports.put(peerId, port);
          }
          ByteArrayOutputStream compact = new ByteArrayOutputStream();
          ports.forEach(
              (id, p) -> {
                if (!id.equals(peerId)) {
                  compact.writeBytes(new byte[] {127, 0, 0, 1, (byte) (p >> 8), (byte) (int) p});
                }
              });
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.writeBytes("d8:intervali1e5:peers".getBytes(StandardCharsets.US_ASCII));
          body.writeBytes((compact.size() + ":").getBytes(StandardCharsets.US_ASCII));
          body.writeBytes(compact.toByteArray());
          body.write('e');
          exchange.sendResponseHeaders(200, body.size());
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.toByteArray());
          }
        });
    server.start();
  }

  public URI announceUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/announce");
  }

  /** The raw query strings received so far. */
  public List<String> queries() {
    synchronized (queries) {
      return List.copyOf(queries);
    }
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
