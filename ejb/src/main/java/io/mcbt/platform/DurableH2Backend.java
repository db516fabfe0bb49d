package io.mcbt.platform;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * The embedded store's H2 backend, committing to its file after every write. H2 otherwise commits
 * about once a second, and a server killed within that second would lose an upload it had already
 * acknowledged.
 */
final class DurableH2Backend extends H2Backend {
  DurableH2Backend(String fileName) {
    super(fileName);
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    try {
      return super.handleMessage(message);
    } finally {
      if (getMvStore().hasUnsavedChanges()) {
        commit();
      }
    }
  }
}
