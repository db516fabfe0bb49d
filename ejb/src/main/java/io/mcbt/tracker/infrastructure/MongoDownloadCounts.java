package io.mcbt.tracker.infrastructure;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.application.DownloadCounts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Completed downloads in the {@code swarm_stats} collection: {@code {_id: infoHash, downloaded}}.
 */
@ApplicationScoped
public class MongoDownloadCounts implements DownloadCounts {
  static final String COLLECTION = "swarm_stats";
  private static final long READ_TIMEOUT_MS = 500;

  @Inject MongoDatabase database;
  private MongoCollection<Document> stats;

  @PostConstruct
  void open() {
    stats = database.getCollection(COLLECTION);
  }

  /**
   * Read when a swarm begins, on the announce path: bounded as a whole (server selection and
   * retries included), so that a store that just went down holds an announce up a moment at most.
   */
  @Override
  public long downloaded(InfoHash infoHash) {
    Document document =
        stats
            .withTimeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .find(eq("_id", infoHash.hex()))
            .first();
    return document == null ? 0 : document.get("downloaded", Number.class).longValue();
  }

  @Override
  public void add(Map<InfoHash, Long> completed) {
    completed.forEach(
        (infoHash, count) ->
            stats.updateOne(
                eq("_id", infoHash.hex()),
                Updates.inc("downloaded", count),
                new UpdateOptions().upsert(true)));
  }
}
