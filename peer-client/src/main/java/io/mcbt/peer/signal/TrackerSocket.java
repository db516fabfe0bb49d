package io.mcbt.peer.signal;

import io.mcbt.signal.MalformedSignalException;
import io.mcbt.signal.SignalCodec;
import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The WebSocket to the tracker: sends messages, and queues what arrives in order. */
public final class TrackerSocket implements SignalChannel, AutoCloseable {
  private final BlockingQueue<SignalMessage> inbox;
  private final WebSocket socket;
  private final Listener listener;

  private TrackerSocket(WebSocket socket, BlockingQueue<SignalMessage> inbox, Listener listener) {
    this.socket = socket;
    this.inbox = inbox;
    this.listener = listener;
  }

  /** Whether the tracker is still there: false once it closed the socket or the socket failed. */
  public boolean isOpen() {
    return !listener.closed && !socket.isInputClosed();
  }

  /** Connects to {@code ws(s)://server/ws/peer}, from the server's http(s) base URL. */
  public static TrackerSocket connect(URI server, Duration timeout) throws IOException {
    URI uri =
        URI.create(
            server.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws/peer");
    BlockingQueue<SignalMessage> inbox = new LinkedBlockingQueue<>();
    Listener listener = new Listener(inbox);
    try {
      WebSocket socket =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .build()
              .newWebSocketBuilder()
              .buildAsync(uri, listener)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new TrackerSocket(socket, inbox, listener);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "cannot open the tracker's WebSocket " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    }
  }

  @Override
  public void send(SignalMessage message) throws IOException {
    try {
      socket.sendText(SignalCodec.encode(message), true).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the tracker's WebSocket failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending", e);
    }
  }

  @Override
  public Optional<SignalMessage> next(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    socket.abort();
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final BlockingQueue<SignalMessage> inbox;
    private volatile boolean closed;

    Listener(BlockingQueue<SignalMessage> inbox) {
      this.inbox = inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        SignalMessage message;
        try {
          message = SignalCodec.decode(text.toString());
        } catch (MalformedSignalException e) {
          message =
              new SignalMessage.ErrorMessage(
                  "unreadable message from the tracker: " + e.getMessage());
        }
        text.setLength(0);
        inbox.add(message);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
    }
  }
}
