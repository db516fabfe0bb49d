package io.mcbt.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ServerDescription;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the server's MongoDB database once: a real MongoDB when {@code MONGODB_URI} is set,
 * otherwise the embedded store under {@code MCBT_DATA_DIR}. The log says which.
 */
@ApplicationScoped
public class MongoStore {
  private static final Logger LOG = Logger.getLogger(MongoStore.class.getName());

  @Inject
  @ConfigProperty(name = "mongodb.uri")
  Optional<String> mongoUri;

  @Inject
  @ConfigProperty(name = "mcbt.mongodb.database", defaultValue = "mcbt")
  String databaseName;

  @Inject
  @ConfigProperty(name = "mcbt.data.dir", defaultValue = "data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "mcbt.embedded.mongo.port", defaultValue = "0")
  int embeddedPort;

  /**
   * How long a call waits for MongoDB before failing (server selection and connect): while it is
   * down, an upload answers 503 after this long.
   */
  @Inject
  @ConfigProperty(name = "mcbt.mongodb.timeout-seconds", defaultValue = "10")
  int timeoutSeconds;

  private EmbeddedMongo embedded;
  private MongoClient client;
  private MongoClient probe;
  private String uri;
  private MongoDatabase database;

  @PostConstruct
  void open() {
    // The driver logs its whole settings object at INFO for every client: noise in a server log.
    Logger.getLogger("org.mongodb.driver").setLevel(Level.WARNING);
    StoreSettings settings =
        new StoreSettings(
            mongoUri.filter(uri -> !uri.isBlank()), databaseName, Path.of(dataDir), embeddedPort);
    String uri;
    if (settings.mongoUri().isPresent()) {
      uri = settings.mongoUri().get();
      LOG.info(() -> "Store: MongoDB at " + redacted(uri) + ", database " + databaseName);
    } else {
      try {
        embedded = EmbeddedMongo.start(settings.dataDir(), settings.embeddedPort());
      } catch (IllegalStateException e) {
        LOG.log(Level.SEVERE, e.getMessage(), e);
        throw e;
      }
      uri = embedded.connectionString();
      LOG.info(
          () ->
              "Store: embedded MongoDB-compatible store in "
                  + embedded.file()
                  + " (set MONGODB_URI to use a real MongoDB)");
    }
    this.uri = uri;
    client = MongoClients.create(clientSettings(uri, Math.max(1, timeoutSeconds)));
    database = client.getDatabase(settings.databaseName());
  }

  private static MongoClientSettings clientSettings(String uri, int timeoutSeconds) {
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(
            cluster -> cluster.serverSelectionTimeout(timeoutSeconds, TimeUnit.SECONDS))
        .applyToSocketSettings(
            socket -> socket.connectTimeout(Math.min(5, timeoutSeconds), TimeUnit.SECONDS))
        .build();
  }

  /**
   * Whether the driver currently sees a server it can use, without asking it: no I/O, no wait. For
   * paths that must not block while MongoDB is down (the tracker), which put their store work off
   * instead.
   */
  public boolean seemsReachable() {
    return client.getClusterDescription().getServerDescriptions().stream()
        .anyMatch(ServerDescription::isOk);
  }

  /** Hides the password of a {@code mongodb://user:password@host} URI. */
  static String redacted(String uri) {
    return uri.replaceFirst("(://[^:/@]+):[^@/]*@", "$1:***@");
  }

  /**
   * Whether the store answers a ping within about two seconds. A separate client with short
   * timeouts, so that a readiness probe never waits for the main client's ten seconds.
   */
  public boolean answers() {
    try {
      probeClient().getDatabase(databaseName).runCommand(new Document("ping", 1));
      return true;
    } catch (MongoException e) {
      return false;
    }
  }

  private synchronized MongoClient probeClient() {
    if (probe == null) {
      probe =
          MongoClients.create(
              MongoClientSettings.builder()
                  .applyConnectionString(new ConnectionString(uri))
                  .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                  .applyToSocketSettings(
                      socket ->
                          socket
                              .connectTimeout(2, TimeUnit.SECONDS)
                              .readTimeout(2, TimeUnit.SECONDS))
                  .build());
    }
    return probe;
  }

  @Produces
  public MongoDatabase database() {
    return database;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
    if (probe != null) {
      probe.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
