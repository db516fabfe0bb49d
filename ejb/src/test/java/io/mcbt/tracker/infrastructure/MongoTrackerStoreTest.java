package io.mcbt.tracker.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.application.SeederRegistration;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registrations and download counts against the embedded store, as the tracker keeps them. */
class MongoTrackerStoreTest {
  private static final InfoHash TORRENT = InfoHash.fromHex("12".repeat(20));

  private MongoServer server;
  private MongoClient client;
  private MongoRegistrationRepository registrations;
  private MongoDownloadCounts downloads;

  @BeforeEach
  void start() {
    server = new MongoServer(H2Backend.inMemory());
    client = MongoClients.create(server.bindAndGetConnectionString());
    registrations = new MongoRegistrationRepository();
    registrations.database = client.getDatabase("test");
    registrations.open();
    downloads = new MongoDownloadCounts();
    downloads.database = client.getDatabase("test");
    downloads.open();
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void registrationsComeBackAndRegisteringAgainOnlyRefreshes() throws Exception {
    PeerEndpoint v4 = PeerEndpoint.of(InetAddress.getByName("192.0.2.7"), 6881);
    PeerEndpoint v6 = PeerEndpoint.of(InetAddress.getByName("2001:db8::1"), 51413);
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    Instant later = Instant.parse("2026-01-02T00:00:00Z");

    registrations.save(new SeederRegistration(TORRENT, Optional.of(v4), first));
    registrations.save(new SeederRegistration(TORRENT, Optional.of(v4), later));
    registrations.save(new SeederRegistration(TORRENT, Optional.of(v6), first));
    registrations.save(new SeederRegistration(TORRENT, Optional.empty(), first));

    assertEquals(
        Set.of(
            new SeederRegistration(TORRENT, Optional.of(v4), later),
            new SeederRegistration(TORRENT, Optional.of(v6), first),
            new SeederRegistration(TORRENT, Optional.empty(), first)),
        Set.copyOf(registrations.all()));
  }

  @Test
  void downloadCountsAddUp() {
    InfoHash other = InfoHash.fromHex("34".repeat(20));

    downloads.add(Map.of(TORRENT, 2L));
    downloads.add(Map.of(TORRENT, 3L, other, 1L));

    assertEquals(5, downloads.downloaded(TORRENT));
    assertEquals(1, downloads.downloaded(other));
    assertEquals(0, downloads.downloaded(InfoHash.fromHex("56".repeat(20))));
  }
}
