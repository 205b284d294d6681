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
  private static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);

  /** Longer than the saga deadline (120 s): by then every saga has ended, one way or the other. */
  private static final Duration DRAIN_WITHIN = Duration.ofSeconds(180);

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

  /** Per step: SQL statements, commits and CPU per completed order. */
  final List<StepCost> costs = new ArrayList<>();

  List<LoadResult> run() throws Exception {
    List<LoadResult> steps = new ArrayList<>();
    try (SagaWatcher watcher = new SagaWatcher(config);
        CostMeter meter = new CostMeter(data, config)) {
      warmUp(watcher, meter);
      for (int rate : config.sagaRates()) {
        completedOrders.clear();
        data.awaitOutboxesEmpty(SETTLE_WITHIN); // a step must not inherit the last one's backlog
        CostMeter.Snapshot before = meter.take();
        LoadResult step =
            OpenLoad.run(
                "saga",
                rate,
                config.sagaStep(),
                Duration.ofSeconds(30),
                (i, due) -> placeAndFollow(watcher, due));
        costs.add(CostMeter.between(rate, step.succeeded(), before, meter.take()));
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
        Benchmark.log(Report.describe(step) + "; " + Report.describe(costs.get(costs.size() - 1)));
        if (!step.keptUp()) {
          break; // the system no longer keeps up: higher rates would only say so louder
        }
      }
      // The next scenario (read paths) must measure the reads, not the last step's backlog: a rate
      // not kept up leaves sagas running for a while after its last order.
      data.awaitOutboxesEmpty(DRAIN_WITHIN);
    }
    return steps;
  }

  /**
   * Orders at {@value #WARM_UP_RATE}/s that are not measured, in rounds of {@link
   * BenchConfig#sagaWarmUp()}, until the servers are warm: JIT compilation of their hot paths takes
   * minutes on two cores (at first the JVMs' compiler threads spend more CPU than the orders), and
   * a step measured before that measures the compilers. Warm means that in the last round less than
   * {@value #WARM_JIT_SHARE} of all the CPU went to compiler threads; at least two rounds, at most
   * {@link BenchConfig#sagaWarmUpRounds()}. The rate is one every build keeps up with, and each
   * round starts once the outboxes are empty again, so that no round leaves a backlog to the first
   * step.
   */
  private void warmUp(SagaWatcher watcher, CostMeter meter) throws Exception {
    for (int round = 1; round <= config.sagaWarmUpRounds(); round++) {
      data.awaitOutboxesEmpty(SETTLE_WITHIN);
      CostMeter.Snapshot before = meter.take();
      LoadResult warm =
          OpenLoad.run(
              "warm-up",
              WARM_UP_RATE,
              config.sagaWarmUp(),
              Duration.ofSeconds(60),
              (i, due) -> placeAndFollow(watcher, due));
      CostMeter.Snapshot after = meter.take();
      double cpu = CostMeter.between(WARM_UP_RATE, warm.succeeded(), before, after).cpuMsTotal();
      double jit = CostMeter.jitShare(before, after);
      Benchmark.log(
          String.format(
              java.util.Locale.ROOT,
              "warm-up round %d: %.1f ms CPU per order (%.0f %% of it JIT compilation), p50 %.0f ms",
              round,
              cpu,
              100 * jit,
              warm.p50()));
      if (round >= 2 && jit < WARM_JIT_SHARE) {
        break;
      }
    }
    watcher.clear();
    takeEventSeen();
  }

  static final double WARM_JIT_SHARE = 0.05;

  static final int WARM_UP_RATE = 20;

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
