package io.mcbt.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxMessageTest {

  @Test
  void retriesDoubleFromTwoSecondsUpToTenMinutes() {
    assertEquals(Duration.ofSeconds(2), OutboxMessage.backoff(1));
    assertEquals(Duration.ofSeconds(4), OutboxMessage.backoff(2));
    assertEquals(Duration.ofSeconds(256), OutboxMessage.backoff(8));
    assertEquals(Duration.ofSeconds(512), OutboxMessage.backoff(9));
    assertEquals(Duration.ofMinutes(10), OutboxMessage.backoff(10));
    assertEquals(Duration.ofMinutes(10), OutboxMessage.backoff(1_000));
    assertEquals(Duration.ofSeconds(2), OutboxMessage.backoff(0));
  }
}
