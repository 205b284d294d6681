package org.storemanager.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The benchmark's own data: users and products created through the API (so every cache and read
 * model knows them), bulk orders written straight to MySQL by the data loader, and the clean-up
 * that removes all of it (from this run or from an interrupted earlier one) and lets the Store
 * Manager rebuild its Redis read models.
 *
 * <p>Benchmark rows are recognisable: users have an {@code @bench.invalid} e-mail, products a SKU
 * starting with {@code BENCH-}; every benchmark order belongs to a benchmark user.
 */
public final class BenchData implements AutoCloseable {

  static final String READ_MODEL_MARKER = "readmodel:built-at";
  private static final String BENCH_USERS =
      "SELECT id FROM users WHERE email LIKE '%@bench.invalid'";
  private static final int STOCK = 1_000_000_000;

  private final BenchConfig config;
  private final StoreClient store;
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  final List<Long> users = new ArrayList<>();
  final List<Long> products = new ArrayList<>();

  BenchData(BenchConfig config, StoreClient store) {
    this.config = config;
    this.store = store;
    this.redisClient = RedisClient.create(config.redisUri());
    this.redis = redisClient.connect();
  }

  Connection db() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
  }

  /** Creates the benchmark's users and products (with a stock that cannot run out). */
  void createFixtures(int userCount, int productCount) {
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 0; i < userCount; i++) {
      var body = Map.of("name", "Bench user " + i, "email", "u" + i + "-" + run + "@bench.invalid");
      users.add(store.call(store.post("/users", body), 201, "create user").get("user_id").asLong());
    }
    for (int i = 0; i < productCount; i++) {
      var body =
          Map.of("name", "Bench product " + i, "sku", "BENCH-" + run + "-" + i, "price", 1.5);
      long id =
          store
              .call(store.post("/products", body), 201, "create product")
              .get("product_id")
              .asLong();
      products.add(id);
      store.call(
          store.post("/stocks", Map.of("product_id", id, "quantity", STOCK)), 200, "set stock");
    }
  }

  long randomUser() {
    return users.get(ThreadLocalRandom.current().nextInt(users.size()));
  }

  long randomProduct() {
    return products.get(ThreadLocalRandom.current().nextInt(products.size()));
  }

  long count(String sql) throws SQLException {
    try (Connection c = db();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The data loader: {@code count} orders with one to three lines each, in a final state ({@code
   * sagaState}), written with batched multi-row inserts. Returns the first and last id used.
   */
  long[] insertOrders(Connection c, int count, String sagaState) throws SQLException {
    long first;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM orders")) {
      r.next();
      first = r.getLong(1);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (PreparedStatement orders =
            c.prepareStatement(
                "INSERT INTO orders (id, user_id, total_amount, is_paid, saga_state)"
                    + " VALUES (?, ?, ?, FALSE, ?)");
        PreparedStatement items =
            c.prepareStatement(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_price)"
                    + " VALUES (?, ?, ?, 1.50)")) {
      for (int i = 0; i < count; i++) {
        long id = first + i;
        int lines = 1 + random.nextInt(3);
        int units = 0;
        for (int l = 0; l < lines; l++) {
          int quantity = 1 + random.nextInt(5);
          units += quantity;
          items.setLong(1, id);
          items.setLong(2, products.get((int) ((id + l) % products.size())));
          items.setInt(3, quantity);
          items.addBatch();
        }
        orders.setLong(1, id);
        orders.setLong(2, randomUser());
        orders.setBigDecimal(3, java.math.BigDecimal.valueOf(units * 150L, 2));
        orders.setString(4, sagaState);
        orders.addBatch();
        if (i % 2000 == 1999 || i == count - 1) {
          orders.executeBatch(); // orders first: the items' foreign key needs them
          items.executeBatch();
        }
      }
    }
    return new long[] {first, first + count - 1};
  }

  /**
   * Makes the Store Manager rebuild its Redis read models from MySQL (it does so when the marker
   * key is missing) and waits until the rebuild is done. Returns how long it took.
   */
  Duration rebuildReadModels() {
    long start = System.nanoTime();
    redis.sync().del(READ_MODEL_MARKER);
    waitFor(
        () -> redis.sync().exists(READ_MODEL_MARKER) == 1,
        Duration.ofMinutes(5),
        "the Store Manager to rebuild its read models");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Removes every benchmark row (this run's and any interrupted run's): orders and their payments
   * and outbox rows in SQL once their sagas have ended, then products and users through the API,
   * then a read-model rebuild so Redis forgets the orders and the reports no longer count them.
   */
  void cleanUp() throws SQLException {
    String running =
        "SELECT COUNT(*) FROM orders WHERE saga_state NOT IN ('COMPLETED', 'CANCELLED')"
            + " AND user_id IN ("
            + BENCH_USERS
            + ")";
    waitFor(() -> unchecked(() -> count(running)) == 0, Duration.ofMinutes(3), "sagas to end");
    String paymentDb = config.paymentJdbcUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    try (Connection c = db();
        Statement s = c.createStatement()) {
      String benchOrders = "SELECT id FROM orders WHERE user_id IN (" + BENCH_USERS + ")";
      deleteInChunks(s, "DELETE FROM " + paymentDb + ".payments WHERE user_id IN (" + BENCH_USERS);
      deleteInChunks(
          s, "DELETE FROM " + paymentDb + ".outbox_messages WHERE aggregate_id IN (" + benchOrders);
      deleteInChunks(s, "DELETE FROM outbox_messages WHERE aggregate_id IN (" + benchOrders);
      deleteInChunks(s, "DELETE FROM orders WHERE user_id IN (" + BENCH_USERS);
    }
    try (Connection c = db();
        Statement s = c.createStatement()) {
      for (long id : ids(s, "SELECT id FROM products WHERE sku LIKE 'BENCH-%'")) {
        store.call(store.delete("/products/" + id), 204, "delete product " + id);
      }
      for (long id : ids(s, BENCH_USERS)) {
        store.call(store.delete("/users/" + id), 204, "delete user " + id);
      }
    }
    users.clear();
    products.clear();
    rebuildReadModels();
  }

  /**
   * Waits (at most {@code within}) until both services' outboxes hold no unsent row and no
   * benchmark saga is running: the state in which a measured step starts.
   */
  void awaitOutboxesEmpty(Duration within) throws SQLException {
    String paymentDb = config.paymentJdbcUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    String pending =
        "SELECT (SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL)"
            + " + (SELECT COUNT(*) FROM "
            + paymentDb
            + ".outbox_messages WHERE sent_at IS NULL)"
            + " + (SELECT COUNT(*) FROM orders WHERE saga_state NOT IN ('COMPLETED', 'CANCELLED')"
            + " AND user_id IN ("
            + BENCH_USERS
            + "))";
    waitFor(() -> unchecked(() -> count(pending)) == 0, within, "the outboxes to empty");
  }

  /** Up to {@code limit} ids of benchmark orders. */
  List<Long> benchOrderIds(int limit) throws SQLException {
    try (Connection c = db();
        Statement s = c.createStatement()) {
      return ids(s, "SELECT id FROM orders WHERE user_id IN (" + BENCH_USERS + ") LIMIT " + limit);
    }
  }

  /** Runs {@code delete} (a statement ending inside an open IN list) 5000 rows at a time. */
  private static void deleteInChunks(Statement s, String delete) throws SQLException {
    while (s.executeUpdate(delete + ") LIMIT 5000") > 0) {
      // next chunk: short transactions, no huge undo log
    }
  }

  private static List<Long> ids(Statement s, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    return ids;
  }

  interface SqlCall<T> {
    T call() throws SQLException;
  }

  static <T> T unchecked(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} every 100 ms until it holds; fails after {@code deadline}. */
  static void waitFor(BooleanSupplier condition, Duration deadline, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "Gave up waiting " + deadline.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    redis.close();
    redisClient.shutdown();
  }
}
