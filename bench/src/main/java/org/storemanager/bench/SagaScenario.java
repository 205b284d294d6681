package org.storemanager.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario 1: orders placed at a fixed rate, each measured from its intended POST to the moment GET
 * /orders/{id} shows {@code saga_state: COMPLETED}. The watcher sees {@code SagaCompleted} on Kafka
 * first; the order is then read until the Store Manager shows it completed (a handful of GETs per
 * order instead of polling from the start, which would load the server with the measurement). Rates
 * go up until one is not kept up with.
 */
final class SagaScenario {

  static final double P99_TARGET_MS = 250;
  private static final Duration CONFIRM_WITHIN = Duration.ofSeconds(10);

  private final BenchConfig config;
  private final StoreClient store;
  private final BenchData data;

  /** Completed orders of the last step: the read-path scenario reads them. */
  final Queue<Long> completedOrders = new ConcurrentLinkedQueue<>();

  /** Per step: from the intended POST to SagaCompleted read from Kafka (where the time goes). */
  final List<LoadResult> eventSeen = new ArrayList<>();

  private Histogram eventSeenMicros = new Histogram(3);

  private synchronized void recordEventSeen(long due) {
    eventSeenMicros.recordValue((System.nanoTime() - due) / 1000);
  }

  private synchronized Histogram takeEventSeen() {
    Histogram taken = eventSeenMicros;
    eventSeenMicros = new Histogram(3);
    return taken;
  }

  SagaScenario(BenchConfig config, StoreClient store, BenchData data) {
    this.config = config;
    this.store = store;
    this.data = data;
  }

  List<LoadResult> run() throws InterruptedException {
    List<LoadResult> steps = new ArrayList<>();
    try (SagaWatcher watcher = new SagaWatcher(config)) {
      warmUp(watcher);
      for (int rate : config.sagaRates()) {
        completedOrders.clear();
        LoadResult step =
            OpenLoad.run(
                "saga",
                rate,
                config.sagaStep(),
                Duration.ofSeconds(30),
                (i, due) -> placeAndFollow(watcher, due));
        watcher.clear();
        steps.add(step);
        eventSeen.add(
            LoadResult.of(
                "SagaCompleted on Kafka",
                rate,
                step.sent(),
                0,
                0,
                config.sagaStep().toSeconds(),
                takeEventSeen()));
        Benchmark.log(Report.describe(step));
        if (!step.keptUp()) {
          break; // the system no longer keeps up: higher rates would only say so louder
        }
      }
    }
    return steps;
  }

  /**
   * Orders at 30/s that are not measured: JIT compilation of the servers' hot paths, connection
   * pools, consumer fetch sessions. Without it the first step measures a cold JVM.
   */
  private void warmUp(SagaWatcher watcher) {
    OpenLoad.run(
        "warm-up",
        30,
        config.sagaWarmUp(),
        Duration.ofSeconds(30),
        (i, due) -> placeAndFollow(watcher, due));
    watcher.clear();
    takeEventSeen();
  }

  private CompletableFuture<Boolean> placeAndFollow(SagaWatcher watcher, long due) {
    var order =
        Map.of(
            "user_id",
            data.randomUser(),
            "items",
            List.of(Map.of("product_id", data.randomProduct(), "quantity", 1)));
    return store
        .post("/orders", order)
        .thenCompose(
            answer -> {
              if (answer.status() != 201) {
                return CompletableFuture.completedFuture(false);
              }
              long id = answer.json().get("order_id").asLong();
              return watcher
                  .outcome(id)
                  .thenCompose(
                      error -> {
                        recordEventSeen(due);
                        return error.isEmpty()
                            ? shownCompleted(id, 1, System.nanoTime() + CONFIRM_WITHIN.toNanos())
                            : CompletableFuture.<Boolean>completedFuture(false);
                      });
            });
  }

  /**
   * Reads the order until it shows COMPLETED, waiting 1, 2, 4, 8, then 16 ms between reads (at most
   * until {@code deadline}). Usually the first or second read shows it; the backoff keeps the
   * measurement from loading the server it measures when the last hop is slow.
   */
  private CompletableFuture<Boolean> shownCompleted(long id, long waitMs, long deadline) {
    return store
        .get("/orders/" + id)
        .thenCompose(
            answer -> {
              if (answer.status() == 200
                  && "COMPLETED".equals(answer.json().path("saga_state").asText())) {
                completedOrders.add(id);
                return CompletableFuture.completedFuture(true);
              }
              if (System.nanoTime() > deadline) {
                return CompletableFuture.completedFuture(false);
              }
              Executor later = CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(ignored -> shownCompleted(id, Math.min(waitMs * 2, 16), deadline));
            });
  }

  /** The highest offered rate kept up with and with a p99 under the target, or 0. */
  static int highestSustained(List<LoadResult> steps) {
    return steps.stream()
        .filter(s -> s.keptUp() && s.p99() < P99_TARGET_MS)
        .mapToInt(s -> (int) s.offeredRate())
        .max()
        .orElse(0);
  }
}
