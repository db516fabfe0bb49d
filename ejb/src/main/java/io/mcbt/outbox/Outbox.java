package io.mcbt.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import org.bson.Document;

/** Queues a JSON {@code POST} for delivery by the {@link OutboxRelay}. */
@ApplicationScoped
public class Outbox {
  static final String COLLECTION = "outbox";

  @Inject MongoDatabase database;
  private MongoCollection<Document> messages;
  private volatile boolean indexed;

  @PostConstruct
  void open() {
    messages = database.getCollection(COLLECTION);
  }

  /** Stores the call durably; it is delivered soon after, and again until it succeeds. */
  public void enqueue(String url, String json) {
    Date now = new Date();
    messages.insertOne(
        new Document(OutboxMessage.URL, url)
            .append(OutboxMessage.BODY, json)
            .append(OutboxMessage.ATTEMPTS, 0)
            .append(OutboxMessage.CREATED_AT, now)
            .append(OutboxMessage.NEXT_ATTEMPT_AT, now));
  }

  public long pending() {
    return messages.countDocuments();
  }

  MongoCollection<Document> messages() {
    return messages;
  }

  /** Once per start: the relay calls it before each delivery round until it succeeds. */
  void ensureIndexes() {
    if (!indexed) {
      messages.createIndex(Indexes.ascending(OutboxMessage.NEXT_ATTEMPT_AT));
      indexed = true;
    }
  }

  static org.bson.conversions.Bson due(Date now) {
    return Filters.lte(OutboxMessage.NEXT_ATTEMPT_AT, now);
  }
}
