package io.mcbt.platform;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server inside this JVM, backed by one H2 file under the data folder, so
 * that a fresh machine runs the server with no database to install and keeps its data across
 * restarts. It listens on loopback only.
 */
final class EmbeddedMongo implements AutoCloseable {
  static final String FILE_NAME = "mcbt-store.mv.db";

  private final MongoServer server;
  private final DurableH2Backend backend;
  private final Path file;
  private final InetSocketAddress address;

  private EmbeddedMongo(Path file, int port) {
    this.file = file;
    this.backend = new DurableH2Backend(file.toString());
    this.server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", port);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    this.address = server.getLocalAddress();
  }

  /** Opens (or creates) the store in {@code dataDir}; {@code port} 0 picks a free one. */
  static EmbeddedMongo start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      return new EmbeddedMongo(file, port);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot open the embedded store " + file + " (is another server using it?): " + e, e);
    }
  }

  String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
