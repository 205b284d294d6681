package org.storemanager.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Scenario 2: the hot read paths at fixed rates: a stock level (REST, Redis), the same through
 * GraphQL, and an order (REST, Redis). Each endpoint gets a short unmeasured warm-up first. When
 * the benchmark goes through the gateway, the stock level is also read from the service directly,
 * in the same run, which gives the gateway's overhead. Each step starts once the path answers
 * promptly again ({@link #awaitQuiet}).
 */
final class ReadPathScenario {

  private final BenchConfig config;
  private final StoreClient store;
  private final StoreClient direct;
  private final BenchData data;
  private final List<Long> orders;

  /** The name of the direct twin of {@code GET /stocks/{id}} (the gateway's overhead). */
  static final String DIRECT_STOCK = "GET /stocks/{id} direct (no gateway)";

  static final String STOCK = "GET /stocks/{id}";

  /** {@code direct}: the service itself when {@code store} is the gateway, else null. */
  ReadPathScenario(
      BenchConfig config,
      StoreClient store,
      StoreClient direct,
      BenchData data,
      List<Long> orders) {
    this.config = config;
    this.store = store;
    this.direct = direct;
    this.data = data;
    this.orders = orders;
  }

  List<LoadResult> run() {
    List<LoadResult> results = new ArrayList<>();
    record Endpoint(String name, Supplier<CompletableFuture<Boolean>> call) {}
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(
        new Endpoint(
            STOCK, () -> ok(store.get("/stocks/" + data.randomProduct()), "\"quantity\"")));
    if (direct != null) {
      endpoints.add(
          new Endpoint(
              DIRECT_STOCK,
              () -> ok(direct.get("/stocks/" + data.randomProduct()), "\"quantity\"")));
    }
    endpoints.addAll(
        List.of(
            new Endpoint(
                "GraphQL stockLevel",
                () ->
                    ok(
                        store.graphql("{ stockLevel(productId: " + data.randomProduct() + ") }"),
                        "\"stockLevel\":")),
            new Endpoint(
                "GET /orders/{id}",
                () -> ok(store.get("/orders/" + randomOrder()), "\"saga_state\""))));
    for (Endpoint endpoint : endpoints) {
      OpenLoad.run(
          "warm-up",
          300,
          config.readWarmUp(),
          Duration.ofSeconds(10),
          (i, due) -> endpoint.call().get());
      for (int rate : config.readRates()) {
        awaitQuiet(endpoint.name(), endpoint.call(), QUIET_ANSWER, QUIET_WITHIN);
        LoadResult result =
            OpenLoad.run(
                endpoint.name(),
                rate,
                config.readStep(),
                Duration.ofSeconds(10),
                (i, due) -> endpoint.call().get());
        results.add(result);
        Benchmark.log(Report.describe(result));
      }
    }
    return results;
  }

  /**
   * Quiet: this many probes in a row, one at a time, each answered within {@link #QUIET_ANSWER}.
   */
  static final int QUIET_PROBES = 5;

  static final Duration QUIET_ANSWER = Duration.ofMillis(100);
  static final Duration QUIET_WITHIN = Duration.ofSeconds(120);
  private static final Duration PROBE_PAUSE = Duration.ofMillis(20);

  /**
   * Waits until the path answers promptly again before a step is measured. A step that the services
   * did not keep up with leaves requests queued in the gateway and the server after the load
   * generator gave up on them; measured at once, the next step would pay for them (on 2026-12-02
   * the direct reads at 500/s took the backlog of the gateway's 1000/s). Gives up after {@code
   * within} and says so: the step is then measured on a busy stack. Returns whether the path got
   * quiet: {@value #QUIET_PROBES} probes in a row, each answered right within {@code answer}.
   */
  static boolean awaitQuiet(
      String name, Supplier<CompletableFuture<Boolean>> probe, Duration answer, Duration within) {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    int prompt = 0;
    while (prompt < QUIET_PROBES && System.nanoTime() < deadline) {
      long sent = System.nanoTime();
      boolean ok;
      try {
        ok = probe.get().get(Math.max(1, (deadline - sent) / 1_000_000), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        ok = false;
      }
      prompt = ok && System.nanoTime() - sent <= answer.toNanos() ? prompt + 1 : 0;
      if (!ok) {
        LockSupport.parkNanos(PROBE_PAUSE.toNanos()); // a path that fails is not hammered
      }
    }
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    if (prompt < QUIET_PROBES) {
      Benchmark.log(name + ": still slow after " + waitedMillis + " ms, measured anyway");
    } else if (waitedMillis > 1000) {
      Benchmark.log(name + ": waited " + waitedMillis + " ms for the backlog to clear");
    }
    return prompt >= QUIET_PROBES;
  }

  private long randomOrder() {
    return orders.get(ThreadLocalRandom.current().nextInt(orders.size()));
  }

  /** 200 with the expected field in the body (GraphQL answers errors with 200 too). */
  static CompletableFuture<Boolean> ok(
      CompletableFuture<StoreClient.Answer> answer, String expected) {
    return answer.thenApply(
        a -> a.status() == 200 && a.body().contains(expected) && !a.body().contains("\"errors\""));
  }
}
