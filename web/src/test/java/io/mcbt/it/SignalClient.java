package io.mcbt.it;

import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A simulated peer on {@code /ws/peer}: sends messages, and queues what the tracker answers. */
final class SignalClient implements AutoCloseable {
  private final BlockingQueue<SignalMessage> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
  private final WebSocket socket;

  SignalClient(URL deployment) throws Exception {
    URI uri = URI.create(deployment.toString().replaceFirst("^http", "ws")).resolve("ws/peer");
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(uri, new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  void send(SignalMessage message) throws Exception {
    sendText(SignalCodec.encode(message));
  }

  void sendText(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  /** The next message of the given type, skipping others; fails after the timeout. */
  <T extends SignalMessage> T next(Class<T> type, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      SignalMessage message =
          received.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeoutMillis + " ms");
      }
      if (type.isInstance(message)) {
        return type.cast(message);
      }
    }
  }

  int closeCode(long timeoutMillis) throws Exception {
    return closedWith.get(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          received.add(SignalCodec.decode(text.toString()));
        } catch (MalformedSignalException e) {
          received.add(new SignalMessage.ErrorMessage("client could not read: " + e.getMessage()));
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedWith.complete(statusCode);
      return null;
    }
  }
}
