package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ReadPathScenario#awaitQuiet}: the wait between read steps (pure logic, no service). */
class ReadPathQuietTest {

  private static final Duration ANSWER = Duration.ofMillis(100);

  @Test
  void aPromptPathIsQuietAfterTheProbesInARow() {
    AtomicInteger probes = new AtomicInteger();
    boolean quiet =
        ReadPathScenario.awaitQuiet(
            "prompt",
            () -> {
              probes.incrementAndGet();
              return CompletableFuture.completedFuture(true);
            },
            ANSWER,
            Duration.ofSeconds(5));
    assertTrue(quiet);
    assertEquals(ReadPathScenario.QUIET_PROBES, probes.get());
  }

  @Test
  void slowAnswersStartTheCountAgain() {
    AtomicInteger probes = new AtomicInteger();
    boolean quiet =
        ReadPathScenario.awaitQuiet(
            "backlog",
            () -> {
              int n = probes.incrementAndGet();
              // the 1st and the 3rd answer come late: the count restarts after each of them
              long delay = n == 1 || n == 3 ? 300 : 0;
              return CompletableFuture.supplyAsync(
                  () -> true, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
            },
            ANSWER,
            Duration.ofSeconds(10));
    assertTrue(quiet);
    assertEquals(3 + ReadPathScenario.QUIET_PROBES, probes.get());
  }

  @Test
  void aFailingPathGivesUpAtTheDeadline() {
    long start = System.nanoTime();
    boolean quiet =
        ReadPathScenario.awaitQuiet(
            "failing",
            () -> CompletableFuture.completedFuture(false),
            ANSWER,
            Duration.ofMillis(300));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(quiet);
    assertTrue(tookMillis >= 300, "gave up after " + tookMillis + " ms");
  }
}
