package org.storemanager.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 3: how the reports and the stock overview cost as orders pile up. The data loader fills
 * MySQL with completed orders up to each size, the Store Manager rebuilds its Redis read models
 * from MySQL, then each endpoint is read at a fixed rate.
 */
final class GrowthScenario {

  /** One size: how many orders existed, how long loading and the rebuild took, the endpoints. */
  record Size(long orders, Duration load, Duration rebuild, List<LoadResult> endpoints) {}

  static final List<String> ENDPOINTS =
      List.of(
          "/orders/reports/highest-spenders",
          "/orders/reports/best-sellers",
          "/stocks/reports/overview-stocks");

  private final BenchConfig config;
  private final StoreClient store;
  private final BenchData data;

  GrowthScenario(BenchConfig config, StoreClient store, BenchData data) {
    this.config = config;
    this.store = store;
    this.data = data;
  }

  List<Size> run() throws SQLException {
    List<Size> sizes = new ArrayList<>();
    for (int size : config.growthSizes()) {
      long existing = data.count("SELECT COUNT(*) FROM orders");
      long start = System.nanoTime();
      if (existing < size) {
        try (Connection c = data.db()) {
          c.setAutoCommit(false);
          data.insertOrders(c, (int) (size - existing), "COMPLETED");
          c.commit();
        }
      }
      Duration load = Duration.ofNanos(System.nanoTime() - start);
      Duration rebuild = data.rebuildReadModels();
      long orders = data.count("SELECT COUNT(*) FROM orders");
      Benchmark.log(
          String.format(
              "growth: %d orders in MySQL (loaded in %.1f s), read models rebuilt in %.1f s",
              orders, load.toMillis() / 1000.0, rebuild.toMillis() / 1000.0));
      List<LoadResult> endpoints = new ArrayList<>();
      for (String path : ENDPOINTS) {
        OpenLoad.run(
            "warm-up", 100, Duration.ofSeconds(2), Duration.ofSeconds(10), (i, due) -> get(path));
        LoadResult result =
            OpenLoad.run(
                path,
                config.growthRate(),
                config.growthStep(),
                Duration.ofSeconds(10),
                (i, due) -> get(path));
        endpoints.add(result);
        Benchmark.log(Report.describe(result));
      }
      sizes.add(new Size(orders, load, rebuild, endpoints));
    }
    return sizes;
  }

  private java.util.concurrent.CompletableFuture<Boolean> get(String path) {
    return store.get(path).thenApply(a -> a.status() == 200 && a.body().startsWith("["));
  }

  /** p99 at the largest size over p99 at the smallest, per endpoint (1.0 = flat). */
  static double growth(List<Size> sizes, int endpoint) {
    double first = sizes.get(0).endpoints().get(endpoint).p99();
    double last = sizes.get(sizes.size() - 1).endpoints().get(endpoint).p99();
    return first > 0 ? last / first : Double.NaN;
  }
}
