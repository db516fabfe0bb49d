package io.mcbt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MongoStoreTest {

  @Test
  void logsConnectionStringsWithoutPasswords() {
    assertEquals(
        "mongodb://admin:***@db1:27017,db2:27017/?replicaSet=rs0",
        MongoStore.redacted("mongodb://admin:s3cr:et@db1:27017,db2:27017/?replicaSet=rs0"));
    assertEquals("mongodb://db:27017", MongoStore.redacted("mongodb://db:27017"));
  }
}
