package io.mcbt.tracker.application;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** A random generator shared by request threads without contention. */
final class ThreadLocalRandomGenerator implements RandomGenerator {
  @Override
  public long nextLong() {
    return ThreadLocalRandom.current().nextLong();
  }

  @Override
  public int nextInt(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }
}
