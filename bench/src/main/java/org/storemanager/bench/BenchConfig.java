package org.storemanager.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a benchmark run does and where the stack is. Every address comes from a system property or
 * an environment variable with the local stack's default, so the same benchmark can be pointed at a
 * gateway or another machine.
 */
public record BenchConfig(
    Mode mode,
    String storeUrl,
    String directUrl,
    String token,
    String jdbcUrl,
    String paymentJdbcUrl,
    String dbUser,
    String dbPassword,
    String redisUri,
    String kafkaBootstrap,
    String kafkaTopic,
    Path stackRoot,
    Path outputDir,
    String target) {

  /** Quick: a few minutes, smaller steps; full: the figures of the benchmark issue. */
  public enum Mode {
    QUICK,
    FULL
  }

  /**
   * Offered saga rates (orders/s), tried in this order until the system no longer keeps up; {@code
   * BENCH_SAGA_RATES} (comma-separated) overrides them, to compare two builds at the same rates.
   */
  public List<Integer> sagaRates() {
    String rates = setting("bench.saga.rates", "BENCH_SAGA_RATES", "");
    if (!rates.isEmpty()) {
      return java.util.Arrays.stream(rates.split(",")).map(r -> Integer.valueOf(r.trim())).toList();
    }
    return mode == Mode.FULL
        ? List.of(10, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500)
        : List.of(10, 25, 50, 75, 100, 150, 200);
  }

  /** How long each saga step offers its rate; {@code BENCH_SAGA_STEP_SECONDS} overrides it. */
  public Duration sagaStep() {
    String seconds = setting("bench.saga.step.seconds", "BENCH_SAGA_STEP_SECONDS", "");
    if (!seconds.isEmpty()) {
      return Duration.ofSeconds(Long.parseLong(seconds));
    }
    return mode == Mode.FULL ? Duration.ofSeconds(60) : Duration.ofSeconds(10);
  }

  /**
   * One round of unmeasured orders before the first saga step (cold servers measure poorly), at
   * {@link SagaScenario#WARM_UP_RATE}; rounds repeat until the CPU per order is stable.
   */
  public Duration sagaWarmUp() {
    return Duration.ofSeconds(15);
  }

  /** At most this many warm-up rounds; {@code BENCH_WARM_UP_ROUNDS} overrides it. */
  public int sagaWarmUpRounds() {
    String rounds = setting("bench.warm.up.rounds", "BENCH_WARM_UP_ROUNDS", "");
    if (!rounds.isEmpty()) {
      return Integer.parseInt(rounds);
    }
    return mode == Mode.FULL ? 20 : 8;
  }

  /**
   * Requests in flight, so connections, per target at most ({@code BENCH_MAX_CONNECTIONS}, default
   * 64; 0: no limit). The others wait in the load generator, and that wait counts in their latency.
   */
  public int maxConnections() {
    return Integer.parseInt(setting("bench.max.connections", "BENCH_MAX_CONNECTIONS", "64"));
  }

  public List<Integer> readRates() {
    return List.of(500, 1000);
  }

  /** Unmeasured requests at 300/s before each read endpoint is measured. */
  public Duration readWarmUp() {
    return mode == Mode.FULL ? Duration.ofSeconds(10) : Duration.ofSeconds(3);
  }

  public Duration readStep() {
    return mode == Mode.FULL ? Duration.ofSeconds(30) : Duration.ofSeconds(5);
  }

  /** Existing orders at which the reports and the stock overview are measured. */
  public List<Integer> growthSizes() {
    return mode == Mode.FULL ? List.of(1_000, 10_000, 100_000) : List.of(1_000, 10_000);
  }

  public int growthRate() {
    return 200;
  }

  public Duration growthStep() {
    return mode == Mode.FULL ? Duration.ofSeconds(20) : Duration.ofSeconds(5);
  }

  /**
   * Outbox rows made pending at once for the relay measurement; {@code BENCH_OUTBOX_ROWS} overrides
   * it.
   */
  public int outboxRows() {
    String rows = setting("bench.outbox.rows", "BENCH_OUTBOX_ROWS", "");
    if (!rows.isEmpty()) {
      return Integer.parseInt(rows);
    }
    return mode == Mode.FULL ? 10_000 : 2_000;
  }

  public static BenchConfig fromEnvironment(Mode mode) {
    String dbHost = setting("db.host", "DB_HOST", "127.0.0.1");
    String dbPort = setting("db.port", "DB_PORT", "3306");
    String jdbc = "jdbc:mysql://" + dbHost + ":" + dbPort + "/";
    String options = "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true";
    Path root = Path.of(setting("stack.root", "STACK_ROOT", ".")).toAbsolutePath().normalize();
    String storeUrl = setting("store.url", "STORE_URL", "http://127.0.0.1:5000");
    return new BenchConfig(
        mode,
        storeUrl,
        // When storeUrl is a gateway: the Store Manager itself, to measure the gateway's overhead.
        setting("store.direct.url", "STORE_DIRECT_URL", ""),
        // A manager's bearer token: ./stack bench mints one (./stack token manager).
        setting("store.token", "STORE_TOKEN", ""),
        jdbc + setting("db.name", "DB_NAME", "store_manager") + options,
        jdbc + setting("payment.db.name", "PAYMENT_DB_NAME", "payment") + options,
        // LOCAL DEVELOPMENT CREDENTIALS ONLY (the defaults of ./stack).
        setting("db.user", "DB_USER", "storemanager"),
        setting("db.password", "DB_PASSWORD", "storemanager-dev"),
        setting("redis.uri", "REDIS_URI", "redis://127.0.0.1:6379"),
        setting("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        setting("kafka.topic", "KAFKA_TOPIC", "order-saga-events"),
        root,
        Path.of(setting("bench.output", "BENCH_OUTPUT", root.resolve("bench/results").toString())),
        setting(
            "bench.target",
            "BENCH_TARGET",
            "the services directly ("
                + storeUrl
                + "): no gateway in the path, so no rate limit applies"));
  }

  private static String setting(String property, String env, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
