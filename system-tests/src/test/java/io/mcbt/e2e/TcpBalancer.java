package io.mcbt.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A load balancer for tests, at the TCP level on loopback: each connection goes to the first
 * backend that accepts it, so when that one dies, clients that reconnect reach the next.
 */
final class TcpBalancer implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Integer> backends;
  private final Queue<Socket> open = new ConcurrentLinkedQueue<>();
  private final Thread acceptor;

  private TcpBalancer(ServerSocket listener, List<Integer> backends) {
    this.listener = listener;
    this.backends = backends;
    this.acceptor = new Thread(this::accept, "tcp-balancer");
    acceptor.setDaemon(true);
  }

  /** Balances over the loopback ports {@code backends}, in that order of preference. */
  static TcpBalancer start(List<Integer> backends) throws IOException {
    TcpBalancer balancer =
        new TcpBalancer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), backends);
    balancer.acceptor.start();
    return balancer;
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        Socket backend = connectToFirstAlive();
        if (backend == null) {
          client.close();
          continue;
        }
        open.add(backend);
        pipe(client, backend);
        pipe(backend, client);
      } catch (IOException e) {
        // closed, or one connection failed: the next one is on its own
      }
    }
  }

  private Socket connectToFirstAlive() {
    for (int port : backends) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        return socket;
      } catch (IOException e) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // never connected
        }
      }
    }
    return null;
  }

  private static void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-balancer-pipe");
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
    listener.close();
    open.forEach(TcpBalancer::closeQuietly);
  }
}
