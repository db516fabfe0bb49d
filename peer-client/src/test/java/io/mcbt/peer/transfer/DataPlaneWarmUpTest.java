package io.mcbt.peer.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataPlaneWarmUpTest {
  @Test
  void itRunsEveryFrameWhenTheBudgetAllows() {
    assertEquals(DataPlaneWarmUp.FRAMES, DataPlaneWarmUp.run(Duration.ofMinutes(1)));
  }

  @Test
  void itStopsAtItsBudget() {
    long started = System.nanoTime();
    long frames = DataPlaneWarmUp.run(Duration.ofMillis(1));
    assertTrue(frames < DataPlaneWarmUp.FRAMES, frames + " frames in a millisecond");
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
  }
}
