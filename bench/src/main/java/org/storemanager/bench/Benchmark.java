package org.storemanager.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark of a running stack ({@code ./stack up}): {@code ./stack bench [quick|full]}.
 *
 * <p>Order of the scenarios: start-up figures are read first; the growth scenario then fills the
 * database (so the saga and the read paths are measured with many orders in place, as in a store
 * that has been running for a while); the outbox burst comes last. Every benchmark row is removed
 * at the end, also when a scenario fails.
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "quick";
    List<String> named =
        java.util.Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    Set<String> only = new LinkedHashSet<>(named);
    BenchConfig.Mode m;
    try {
      m = BenchConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
      if (!SCENARIOS.containsAll(only)) {
        throw new IllegalArgumentException("unknown scenario in " + named);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("usage: Benchmark [quick|full] [" + String.join("|", SCENARIOS) + "]...");
      System.exit(2);
      return;
    }
    Path file = run(BenchConfig.fromEnvironment(m), only.isEmpty() ? SCENARIOS : only);
    System.out.println();
    System.out.println(Files.readString(file));
    System.out.println("Results written to " + file);
    System.exit(0);
  }

  /** The scenarios a run can be limited to (for profiling one of them); all by default. */
  static final Set<String> SCENARIOS =
      new LinkedHashSet<>(List.of("growth", "saga", "reads", "outbox"));

  /** Runs every scenario and writes the results; returns the Markdown file. */
  public static Path run(BenchConfig config) throws Exception {
    return run(config, SCENARIOS);
  }

  /** Runs the given scenarios (the others are reported as not run); returns the Markdown file. */
  static Path run(BenchConfig config, Set<String> scenarios) throws Exception {
    ZonedDateTime started = ZonedDateTime.now();
    long t0 = System.nanoTime();
    log(
        "benchmark, "
            + config.mode().name().toLowerCase(Locale.ROOT)
            + " mode; target: "
            + config.target());
    // The read paths' clients keep at most maxConnections requests in flight (BenchConfig); the
    // saga's stays as it was, so that saga results compare with earlier runs.
    try (StoreClient store = new StoreClient(config.storeUrl(), config.token());
        StoreClient readClient =
            new StoreClient(config.storeUrl(), config.token(), config.maxConnections());
        StoreClient direct =
            config.directUrl().isEmpty()
                ? null
                : new StoreClient(config.directUrl(), config.token(), config.maxConnections());
        BenchData data = new BenchData(config, store)) {
      var health = store.get("/health/ready").join();
      if (health.status() != 200) {
        throw new IllegalStateException(
            "The Store Manager at "
                + config.storeUrl()
                + " is not ready ("
                + health.status()
                + "): run ./stack up first");
      }
      List<GrowthScenario.Size> growth;
      List<LoadResult> saga;
      List<LoadResult> reads;
      SagaScenario sagaScenario;
      OutboxScenario.Result outbox;
      log("removing benchmark data left by an earlier run, creating users and products");
      data.cleanUp();
      try {
        data.createFixtures(20, 50);
        log("scenario 3: growth");
        growth =
            scenarios.contains("growth")
                ? new GrowthScenario(config, store, data).run()
                : List.of();
        log("scenario 1: saga");
        sagaScenario = new SagaScenario(config, store, data);
        saga = scenarios.contains("saga") ? sagaScenario.run() : List.of();
        log("scenario 2: read paths");
        List<Long> orders = new ArrayList<>(sagaScenario.completedOrders);
        if (orders.isEmpty()) { // no saga completed: read the loader's orders instead
          orders = data.benchOrderIds(1000);
        }
        if (orders.isEmpty()) { // neither saga nor growth ran: a thousand orders to read
          try (var c = data.db()) {
            data.insertOrders(c, 1000, "COMPLETED");
          }
          orders = data.benchOrderIds(1000);
        }
        reads =
            scenarios.contains("reads")
                ? new ReadPathScenario(config, readClient, direct, data, orders).run()
                : List.of();
        log("scenario 4: outbox relay");
        outbox = scenarios.contains("outbox") ? new OutboxScenario(config, data).run() : null;
      } finally {
        log("removing the benchmark's data");
        data.cleanUp();
      }
      var results =
          new Report.Results(
              config,
              started,
              (System.nanoTime() - t0) / 60e9,
              growth,
              saga,
              sagaScenario.eventSeen,
              sagaScenario.costs,
              reads,
              outbox,
              StartupReport.read(config.stackRoot()));
      return Report.write(results);
    }
  }

  static void log(String message) {
    System.out.println(
        LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + message);
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
