package io.mcbt.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes a transfer on loopback slow enough to interrupt: a tracker that names only a proxy, and the
 * proxy, which forwards to the real peer and lets through at most {@code bytesPerSecond} towards
 * the peer that dialled it. Everything listens on 127.0.0.1 and stops on {@link #close()}.
 */
final class ThrottledPeerRoute implements AutoCloseable {
  private final HttpServer tracker;
  private final ServerSocket proxy;
  private final int targetPort;
  private final long bytesPerSecond;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /**
   * @param targetPort the port of the peer behind the proxy, on 127.0.0.1
   */
  ThrottledPeerRoute(int targetPort, long bytesPerSecond) throws IOException {
    this.targetPort = targetPort;
    this.bytesPerSecond = bytesPerSecond;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    proxy = new ServerSocket(0, 50, loopback);
    tracker = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    tracker.createContext(
        "/announce",
        exchange -> {
          int port = proxy.getLocalPort();
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.writeBytes("d8:intervali2e5:peers6:".getBytes(StandardCharsets.US_ASCII));
          body.writeBytes(new byte[] {127, 0, 0, 1, (byte) (port >> 8), (byte) port});
          body.write('e');
          exchange.sendResponseHeaders(200, body.size());
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.toByteArray());
          }
        });
    tracker.start();
    daemon(this::acceptLoop, "proxy accept");
  }

  /** The announce URL of the tracker that names only the proxy. */
  String announceUrl() {
    return "http://127.0.0.1:" + tracker.getAddress().getPort() + "/announce";
  }

  private void acceptLoop() {
    while (!proxy.isClosed()) {
      try {
        Socket client = proxy.accept();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(target);
        daemon(() -> pump(client, target, Long.MAX_VALUE), "proxy up");
        daemon(() -> pump(target, client, bytesPerSecond), "proxy down");
      } catch (IOException e) {
        // closed, or the peer is not there yet: the client will try again
      }
    }
  }

  private static void pump(Socket from, Socket to, long bytesPerSecond) {
    byte[] buffer = new byte[16 * 1024];
    long startNanos = System.nanoTime();
    long sent = 0;
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        sent += read;
        long dueNanos = (long) (sent * 1e9 / bytesPerSecond);
        long aheadMillis = (dueNanos - (System.nanoTime() - startNanos)) / 1_000_000;
        if (aheadMillis > 0) {
          Thread.sleep(aheadMillis);
        }
      }
    } catch (IOException e) {
      // one side closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    tracker.stop(0);
    proxy.close();
    sockets.forEach(ThrottledPeerRoute::closeQuietly);
  }
}
