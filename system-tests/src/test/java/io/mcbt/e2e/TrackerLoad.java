package io.mcbt.e2e;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load on one server: {@code peers} simulated peers announce over HTTP (BEP 3, compact) spread
 * over {@code torrents} registered torrents, {@code rounds} times each ({@code started}, then
 * regular announces), at most {@code concurrency} requests in flight; then {@code sessions}
 * WebSockets are opened on {@code /ws/peer} and held open all at once, one holder per torrent says
 * hello first, and every other session says hello wanting a torrent and waits for its candidates.
 * Everything comes from 127.0.0.1, which announced every torrent, so the hello gate lets all in.
 * Used by {@link TrackerLoadIT} and, at full size, by {@code bench/tracker-load.sh}.
 */
final class TrackerLoad {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * What a run measured; latencies in microseconds.
   *
   * @param announces announces sent
   * @param announceErrors announces that failed: no answer, not 200, or a failure reason
   * @param announcesPerSecond answered announces a second over the announce phase
   * @param sessions WebSockets opened
   * @param sessionErrors sessions that did not open, were closed, or got no candidates
   * @param emptyCandidates leechers whose candidates named no holder
   */
  record Figures(
      int announces,
      int announceErrors,
      double announcesPerSecond,
      long announceP50Us,
      long announceP99Us,
      long announceMaxUs,
      int sessions,
      int sessionErrors,
      int emptyCandidates,
      long helloP50Us,
      long helloP99Us,
      long helloMaxUs,
      List<String> firstErrors) {
    @Override
    public String toString() {
      return String.format(
          "announces=%d errors=%d per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n"
              + "websockets=%d open_at_once errors=%d empty_candidates=%d hello_to_candidates"
              + " p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%s",
          announces,
          announceErrors,
          announcesPerSecond,
          announceP50Us / 1e3,
          announceP99Us / 1e3,
          announceMaxUs / 1e3,
          sessions,
          sessionErrors,
          emptyCandidates,
          helloP50Us / 1e3,
          helloP99Us / 1e3,
          helloMaxUs / 1e3,
          firstErrors.isEmpty() ? "" : "\nfirst errors: " + firstErrors);
    }
  }

  private final String baseUrl;
  private final HttpClient http;
  private final Random random = new Random(10_000);
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private final List<WebSocket> open = new ArrayList<>();

  TrackerLoad(String baseUrl) {
    this.baseUrl = baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Runs the load, keeps the WebSockets open for {@code whileOpen}, then closes them. */
  Figures run(
      int torrents, int peers, int rounds, int concurrency, int sessions, Runnable whileOpen)
      throws Exception {
    List<InfoHash> hashes = register(torrents);
    long[] announceUs = new long[peers * rounds];
    AtomicInteger announceErrors = new AtomicInteger();
    long startNs = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      announceRound(hashes, peers, round, concurrency, announceUs, announceErrors);
    }
    double seconds = (System.nanoTime() - startNs) / 1e9;
    long[] helloUs = new long[Math.max(0, sessions - torrents)];
    AtomicInteger sessionErrors = new AtomicInteger();
    AtomicInteger empty = new AtomicInteger();
    try {
      webSockets(hashes, sessions, concurrency, helloUs, sessionErrors, empty);
      whileOpen.run();
    } finally {
      for (WebSocket socket : open) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      }
    }
    Arrays.sort(announceUs);
    Arrays.sort(helloUs);
    return new Figures(
        announceUs.length,
        announceErrors.get(),
        (announceUs.length - announceErrors.get()) / seconds,
        percentile(announceUs, 50),
        percentile(announceUs, 99),
        percentile(announceUs, 100),
        sessions,
        sessionErrors.get(),
        empty.get(),
        percentile(helloUs, 50),
        percentile(helloUs, 99),
        percentile(helloUs, 100),
        errors.stream().limit(5).toList());
  }

  /** Registers {@code count} random torrents with the tracker, as another index would. */
  private List<InfoHash> register(int count) throws Exception {
    List<InfoHash> hashes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[20];
      random.nextBytes(bytes);
      InfoHash hash = new InfoHash(bytes);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/api/tracker/registrations"))
                  .header("Content-Type", "application/json")
                  .timeout(TIMEOUT)
                  .POST(
                      HttpRequest.BodyPublishers.ofString("{\"infoHash\":\"" + hash.hex() + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("registration: " + response.statusCode());
      }
      hashes.add(hash);
    }
    return hashes;
  }

  private void announceRound(
      List<InfoHash> hashes,
      int peers,
      int round,
      int concurrency,
      long[] latencyUs,
      AtomicInteger failed)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    for (int peer = 0; peer < peers; peer++) {
      inFlight.acquire();
      int slot = round * peers + peer;
      long sentNs = System.nanoTime();
      http.sendAsync(announce(hashes, peer, round), HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete(
              (response, failure) -> {
                latencyUs[slot] = (System.nanoTime() - sentNs) / 1_000;
                String problem =
                    failure != null
                        ? failure.toString()
                        : response.statusCode() != 200
                            ? "HTTP " + response.statusCode()
                            : new String(response.body(), StandardCharsets.ISO_8859_1)
                                    .contains("failure reason")
                                ? new String(response.body(), StandardCharsets.ISO_8859_1)
                                : null;
                if (problem != null) {
                  failed.incrementAndGet();
                  errors.add("announce: " + problem);
                }
                inFlight.release();
              });
    }
    inFlight.acquire(concurrency);
  }

  private HttpRequest announce(List<InfoHash> hashes, int peer, int round) {
    InfoHash torrent = hashes.get(peer % hashes.size());
    String peerId = String.format("-LD0001-%012d", peer);
    boolean seeder = peer % 10 == 0;
    String query =
        "?info_hash="
            + URLEncoder.encode(
                new String(torrent.bytes(), StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1)
            + "&peer_id="
            + peerId
            + "&port="
            + (10_000 + peer % 50_000)
            + "&uploaded=0&downloaded=0&left="
            + (seeder ? 0 : 1_000_000 - round)
            + "&compact=1&numwant=50"
            + (round == 0 ? "&event=started" : "");
    return HttpRequest.newBuilder(URI.create(baseUrl + "/announce" + query))
        .timeout(TIMEOUT)
        .build();
  }

  private void webSockets(
      List<InfoHash> hashes,
      int sessions,
      int concurrency,
      long[] helloUs,
      AtomicInteger failed,
      AtomicInteger empty)
      throws Exception {
    URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/peer");
    List<Listener> listeners = new ArrayList<>();
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    Semaphore connecting = new Semaphore(concurrency);
    for (int i = 0; i < sessions; i++) {
      connecting.acquire();
      Listener listener = new Listener();
      listeners.add(listener);
      opening.add(
          http.newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(uri, listener)
              .whenComplete((socket, failure) -> connecting.release()));
    }
    for (int i = 0; i < sessions; i++) {
      try {
        open.add(opening.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      } catch (Exception e) {
        failed.incrementAndGet();
        errors.add("websocket open: " + e);
        open.add(null);
      }
    }
    // One holder per torrent first, then every other session wants a torrent.
    int holders = Math.min(hashes.size(), sessions);
    for (int i = 0; i < holders; i++) {
      send(
          i,
          new SignalMessage.Hello(
              "holder-" + i, List.of(), List.of(hashes.get(i)), 6881, 7000, true));
    }
    Thread.sleep(1_000);
    for (int i = holders; i < sessions; i++) {
      InfoHash wanted = hashes.get(i % hashes.size());
      listeners.get(i).helloSentNs = System.nanoTime();
      send(
          i, new SignalMessage.Hello("leecher-" + i, List.of(wanted), List.of(), 6881, 7000, true));
    }
    for (int i = holders; i < sessions; i++) {
      Listener listener = listeners.get(i);
      try {
        SignalMessage.Candidates candidates =
            listener.candidates.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        helloUs[i - holders] = (listener.candidatesNs - listener.helloSentNs) / 1_000;
        if (candidates.senders().isEmpty()) {
          empty.incrementAndGet();
        }
      } catch (Exception e) {
        failed.incrementAndGet();
        errors.add("candidates for session " + i + ": " + e);
      }
    }
    for (int i = 0; i < sessions; i++) {
      if (listeners.get(i).closed.isDone()) {
        failed.incrementAndGet();
        errors.add("session " + i + " closed: " + listeners.get(i).closed.getNow(""));
      }
    }
  }

  private void send(int session, SignalMessage message) {
    WebSocket socket = open.get(session);
    if (socket != null) {
      socket.sendText(SignalCodec.encode(message), true).join();
    }
  }

  private static long percentile(long[] sorted, int percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** One session's side: the first candidates it gets, and whether it was closed. */
  private final class Listener implements WebSocket.Listener {
    final CompletableFuture<SignalMessage.Candidates> candidates = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    volatile long helloSentNs;
    volatile long candidatesNs;
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          SignalMessage message = SignalCodec.decode(text.toString());
          if (message instanceof SignalMessage.Candidates found) {
            candidatesNs = System.nanoTime();
            candidates.complete(found);
          } else if (message instanceof SignalMessage.ErrorMessage error) {
            candidates.completeExceptionally(new IllegalStateException(error.reason()));
          }
        } catch (MalformedSignalException e) {
          candidates.completeExceptionally(e);
        }
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.complete(error.toString());
    }
  }

  /**
   * {@code java ... io.mcbt.e2e.TrackerLoad BASE_URL [PEERS] [SESSIONS] [TORRENTS] [ROUNDS]
   * [CONCURRENCY]}: runs the load against a server that is already up and prints the figures.
   */
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    int peers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int torrents = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 64;
    long serverPid = Long.parseLong(System.getenv().getOrDefault("SERVER_PID", "0"));
    Figures figures =
        new TrackerLoad(base)
            .run(
                torrents,
                peers,
                rounds,
                concurrency,
                sessions,
                () ->
                    System.out.printf(
                        "server_rss_mib_with_sessions_open=%d%n",
                        TrackerLoadIT.rssBytes(serverPid) >> 20));
    System.out.println(figures);
    System.exit(figures.announceErrors() + figures.sessionErrors() == 0 ? 0 : 1);
  }
}
