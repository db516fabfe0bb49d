package io.mcbt.peer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-process HTTP server on 127.0.0.1 that gives canned answers and records the requests. */
public final class FakeIndexServer implements AutoCloseable {

  /** What the server answers. */
  public record Answer(int status, String contentType, byte[] body) {
    public static Answer json(int status, String json) {
      return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer error(int status, String reason) {
      return json(
          status,
          "{\"status\":" + status + ",\"error\":\"Some Error\",\"reason\":\"" + reason + "\"}");
    }

    public static Answer torrent(byte[] bytes) {
      return new Answer(200, "application/x-bittorrent", bytes);
    }
  }

  /** What a client sent. */
  public record Request(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Answer>> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeIndexServer(HttpServer server) {
    this.server = server;
  }

  public static FakeIndexServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeIndexServer fake = new FakeIndexServer(server);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  /** Answers {@code method path} (the path without query) with {@code answer}. */
  public FakeIndexServer answer(String method, String path, Answer answer) {
    return answer(method, path, request -> answer);
  }

  /** Answers {@code method path} with what {@code answer} makes of the request. */
  public FakeIndexServer answer(String method, String path, Function<Request, Answer> answer) {
    answers.put(method + " " + path, answer);
    return this;
  }

  /** The base URL, as given to {@code --server}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Function<Request, Answer> answer = answers.get(request.method() + " " + request.path());
      Answer response =
          answer == null ? Answer.error(404, "no such resource") : answer.apply(request);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
