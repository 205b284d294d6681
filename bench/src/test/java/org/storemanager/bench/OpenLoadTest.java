package org.storemanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The load generator's bookkeeping, with requests that are plain futures (no server). */
class OpenLoadTest {

  @Test
  void offersRateTimesDurationRequestsAndCountsEveryOutcome() {
    LoadResult r =
        OpenLoad.run(
            "mixed",
            200,
            Duration.ofMillis(500),
            Duration.ofMillis(200),
            (i, due) ->
                switch ((int) (i % 4)) {
                  case 0 -> CompletableFuture.completedFuture(true);
                  case 1 -> CompletableFuture.completedFuture(false); // wrong answer
                  case 2 -> CompletableFuture.failedFuture(new RuntimeException("refused"));
                  default -> new CompletableFuture<>(); // never answered
                });
    assertEquals(100, r.sent());
    assertEquals(25, r.succeeded());
    assertEquals(50, r.failed());
    assertEquals(25, r.unfinished());
    assertFalse(r.keptUp());
  }

  @Test
  void latencyCountsFromTheIntendedStartNotFromTheActualSend() {
    // The first request blocks the generator for 300 ms: the requests due meanwhile are sent late,
    // and their latency must include that delay (no coordinated omission).
    LoadResult r =
        OpenLoad.run(
            "stall",
            100,
            Duration.ofMillis(500),
            Duration.ofSeconds(5),
            (i, due) -> {
              if (i == 0) {
                sleep(300);
              }
              return CompletableFuture.completedFuture(true);
            });
    assertEquals(50, r.sent());
    assertEquals(50, r.succeeded());
    // request 1 was due at 10 ms and sent after 300 ms: ~290 ms late
    assertTrue(r.max() >= 250, "max " + r.max());
    assertTrue(r.p50() < 100, "p50 " + r.p50());
  }

  @Test
  void sendsWithoutWaitingForEarlierAnswers() {
    AtomicLong open = new AtomicLong();
    AtomicLong mostOpen = new AtomicLong();
    LoadResult r =
        OpenLoad.run(
            "slow server",
            100,
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            (i, due) -> {
              mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
              return CompletableFuture.supplyAsync(
                  () -> {
                    open.decrementAndGet();
                    return true;
                  },
                  CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            });
    assertEquals(30, r.succeeded());
    assertTrue(mostOpen.get() > 10, "requests in flight at once: " + mostOpen.get());
    assertTrue(r.p50() >= 200, "p50 " + r.p50());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
