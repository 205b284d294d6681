package org.storemanager.bench.chaos;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Where the stack is and how hard a run pushes it. Every value comes from a system property or an
 * environment variable ({@code tools/stack/chaos.sh} sets them for {@code ./stack chaos}), with the
 * local stack's defaults.
 *
 * @param kafkaBrokers how many brokers run: a broker fault kills one of three (kafka-2 or kafka-3)
 *     and keeps a quorum, or the only one ({@code kafka}) when there is one
 * @param sagaDeadline after it, an order that is not final is compensated by the services' timer
 * @param finalMargin added to the saga deadline: how long the harness waits for an order to end
 * @param grace after a fault window, how long 5xx answers are still excused (see docs/chaos.md)
 */
record ChaosConfig(
    String storeUrl,
    String paymentsUrl,
    String token,
    String storeJdbcUrl,
    String paymentJdbcUrl,
    String dbUser,
    String dbPassword,
    String redisUri,
    String kafkaBootstrap,
    String kafkaTopic,
    int kafkaBrokers,
    String storeGroup,
    String paymentGroup,
    Path stackRoot,
    Path outputDir,
    Path logDir,
    Duration sagaDeadline,
    Duration finalMargin,
    Duration grace,
    BigDecimal paymentMaxAmount,
    double orderRate,
    Duration loadDuration) {

  static ChaosConfig fromEnvironment() {
    String dbHost = setting("db.host", "DB_HOST", "127.0.0.1");
    String dbPort = setting("db.port", "DB_PORT", "3306");
    String jdbc = "jdbc:mysql://" + dbHost + ":" + dbPort + "/";
    // Bounded connects and reads: the database may be the component that is down.
    String options =
        "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=3000&socketTimeout=15000";
    Path root = Path.of(setting("stack.root", "STACK_ROOT", ".")).toAbsolutePath().normalize();
    String bootstrap =
        setting("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    return new ChaosConfig(
        trimSlash(setting("store.url", "STORE_URL", "http://127.0.0.1:8080/store-api")),
        trimSlash(setting("payments.url", "PAYMENTS_URL", "http://127.0.0.1:8080/payments-api")),
        // A manager's bearer token: ./stack chaos mints one.
        setting("store.token", "STORE_TOKEN", ""),
        jdbc + setting("db.name", "DB_NAME", "store_manager") + options,
        jdbc + setting("payment.db.name", "PAYMENT_DB_NAME", "payment") + options,
        // LOCAL DEVELOPMENT CREDENTIALS ONLY (the defaults of ./stack).
        setting("db.user", "DB_USER", "storemanager"),
        setting("db.password", "DB_PASSWORD", "storemanager-dev"),
        setting("redis.uri", "REDIS_URI", "redis://127.0.0.1:6379"),
        bootstrap,
        setting("kafka.topic", "KAFKA_TOPIC", "order-saga-events"),
        brokerCount(setting("kafka.brokers", "KAFKA_BROKERS", ""), bootstrap),
        setting("chaos.store.group", "CHAOS_STORE_GROUP", "store-manager"),
        setting("chaos.payment.group", "CHAOS_PAYMENT_GROUP", "payment"),
        root,
        Path.of(setting("chaos.output", "CHAOS_OUTPUT", root.resolve("bench/results").toString())),
        Path.of(setting("chaos.logs", "CHAOS_LOGS", root.resolve("bench/target/chaos").toString())),
        Duration.ofSeconds(
            Long.parseLong(setting("saga.deadline", "SAGA_DEADLINE_SECONDS", "120"))),
        Duration.ofSeconds(Long.parseLong(setting("chaos.margin", "CHAOS_MARGIN_SECONDS", "60"))),
        Duration.ofSeconds(Long.parseLong(setting("chaos.grace", "CHAOS_GRACE_SECONDS", "10"))),
        new BigDecimal(setting("payment.max-amount", "PAYMENT_MAX_AMOUNT", "100000.00")),
        Double.parseDouble(setting("chaos.rate", "CHAOS_RATE", "8")),
        Duration.ofSeconds(Long.parseLong(setting("chaos.seconds", "CHAOS_SECONDS", "20"))));
  }

  /**
   * KAFKA_BROKERS as a count ("3") or a list ("kafka,kafka-2,kafka-3"); without it, the entries of
   * the bootstrap list.
   */
  static int brokerCount(String brokers, String bootstrap) {
    String b = brokers.trim();
    if (b.matches("[0-9]+")) {
      return Integer.parseInt(b);
    }
    String list = b.isEmpty() ? bootstrap : b;
    return (int) Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).count();
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String setting(String property, String env, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
