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
import org.bson.Document;

/**
 * Completed downloads in the {@code swarm_stats} collection: {@code {_id: infoHash, downloaded}}.
 */
@ApplicationScoped
public class MongoDownloadCounts implements DownloadCounts {
  static final String COLLECTION = "swarm_stats";

  @Inject MongoDatabase database;
  private MongoCollection<Document> stats;

  @PostConstruct
  void open() {
    stats = database.getCollection(COLLECTION);
  }

  @Override
  public long downloaded(InfoHash infoHash) {
    Document document = stats.find(eq("_id", infoHash.hex())).first();
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
