package io.mcbt.tracker.infrastructure;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.application.RegistrationRepository;
import io.mcbt.tracker.application.SeederRegistration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Registrations in the {@code registrations} collection, one document per torrent and seeder
 * ({@code _id} = info-hash, or info-hash and seeder address), so registering again is idempotent.
 */
@ApplicationScoped
public class MongoRegistrationRepository implements RegistrationRepository {
  static final String COLLECTION = "registrations";

  @Inject MongoDatabase database;
  private MongoCollection<Document> registrations;

  @PostConstruct
  void open() {
    registrations = database.getCollection(COLLECTION);
  }

  @Override
  public void save(SeederRegistration registration) {
    String id =
        registration.infoHash().hex()
            + registration.seeder().map(seeder -> "@" + seeder).orElse("");
    Document document =
        new Document("_id", id)
            .append("infoHash", registration.infoHash().hex())
            .append("registeredAt", Date.from(registration.registeredAt()));
    registration
        .seeder()
        .ifPresent(seeder -> document.append("host", seeder.host()).append("port", seeder.port()));
    registrations.replaceOne(eq("_id", id), document, new ReplaceOptions().upsert(true));
  }

  @Override
  public List<SeederRegistration> all() {
    List<SeederRegistration> all = new ArrayList<>();
    for (Document document : registrations.find()) {
      all.add(
          new SeederRegistration(
              InfoHash.fromHex(document.getString("infoHash")),
              seeder(document),
              document.getDate("registeredAt").toInstant()));
    }
    return all;
  }

  private static Optional<PeerEndpoint> seeder(Document document) {
    String host = document.getString("host");
    if (host == null) {
      return Optional.empty();
    }
    try {
      // The host is an address literal written by save(): no name lookup happens.
      return Optional.of(PeerEndpoint.of(InetAddress.getByName(host), document.getInteger("port")));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
