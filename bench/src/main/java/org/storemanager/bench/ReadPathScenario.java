package org.storemanager.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Scenario 2: the hot read paths at fixed rates: a stock level (REST, Redis), the same through
 * GraphQL, and an order (REST, Redis). Each endpoint gets a short unmeasured warm-up first. When
 * the benchmark goes through the gateway, the stock level is also read from the service directly,
 * in the same run, which gives the gateway's overhead.
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
