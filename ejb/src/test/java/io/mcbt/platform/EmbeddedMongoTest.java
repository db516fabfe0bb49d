package io.mcbt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
  @TempDir Path dataDir;

  @Test
  void keepsDocumentsAcrossRestarts() {
    try (EmbeddedMongo store = EmbeddedMongo.start(dataDir, 0);
        MongoClient client = MongoClients.create(store.connectionString())) {
      client.getDatabase("mcbt").getCollection("things").insertOne(new Document("_id", "kept"));
    }
    try (EmbeddedMongo store = EmbeddedMongo.start(dataDir, 0);
        MongoClient client = MongoClients.create(store.connectionString())) {
      assertEquals(1, client.getDatabase("mcbt").getCollection("things").countDocuments());
    }
  }
}
