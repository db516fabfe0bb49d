package io.mcbt.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.bson.Document;

/** Delivers due outbox messages every few seconds; a failure only moves the next attempt. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final int BATCH = 50;

  @Inject Outbox outbox;

  private final AtomicBoolean running = new AtomicBoolean();
  private HttpClient http;

  @PostConstruct
  void start() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  void deliverDue() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      outbox.ensureIndexes();
      List<Document> due =
          outbox
              .messages()
              .find(Outbox.due(new Date()))
              .sort(Sorts.ascending(OutboxMessage.NEXT_ATTEMPT_AT))
              .limit(BATCH)
              .into(new ArrayList<>());
      due.forEach(this::deliver);
    } catch (MongoException e) {
      LOG.warning("Outbox not reachable, will retry: " + e.getMessage());
    } finally {
      running.set(false);
    }
  }

  private void deliver(Document message) {
    String url = message.getString(OutboxMessage.URL);
    String failure = post(url, message.getString(OutboxMessage.BODY));
    if (failure == null) {
      outbox.messages().deleteOne(eq("_id", message.get("_id")));
      LOG.info(() -> "Outbox: delivered to " + url);
      return;
    }
    int attempts = message.getInteger(OutboxMessage.ATTEMPTS, 0) + 1;
    Instant next = Instant.now().plus(OutboxMessage.backoff(attempts));
    outbox
        .messages()
        .updateOne(
            eq("_id", message.get("_id")),
            Updates.combine(
                Updates.set(OutboxMessage.ATTEMPTS, attempts),
                Updates.set(OutboxMessage.NEXT_ATTEMPT_AT, Date.from(next)),
                Updates.set(OutboxMessage.LAST_ERROR, failure)));
    LOG.warning(
        () ->
            "Outbox: " + url + " failed (" + failure + "), attempt " + attempts + ", next " + next);
  }

  /** Null on success, else what went wrong. */
  private String post(String url, String json) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (IOException | IllegalArgumentException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
