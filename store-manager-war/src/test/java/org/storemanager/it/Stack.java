package org.storemanager.it;

import static io.restassured.RestAssured.given;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/** Access to the running stack for tests: the REST API, the database and Redis. */
final class Stack {

  static final String STORE_URL = System.getProperty("store.url", "http://127.0.0.1:5000");
  static final String PAYMENT_URL = System.getProperty("payment.url", "http://127.0.0.1:5009");
  static final String GATEWAY_URL = System.getProperty("gateway.url", "http://127.0.0.1:8080");
  static final String KAFKA = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
  static final String TOPIC = System.getProperty("kafka.topic", "order-saga-events");
  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000);
  private static RedisCommands<String, String> redis;

  private Stack() {}

  /** A request to the Store Manager with a JSON body type, as a manager (who may do anything). */
  static RequestSpecification store() {
    return staff(given().baseUri(STORE_URL).contentType(ContentType.JSON).accept(ContentType.JSON));
  }

  /** The request with a manager's bearer token (LOCAL DEVELOPMENT key, {@link DevTokens}). */
  static RequestSpecification staff(RequestSpecification request) {
    return request.header("Authorization", DevTokens.bearer(Roles.MANAGER));
  }

  /** A staff member tries to pay {@code payment}, which must be voided: 409 naming the void. */
  static void assertPaymentRefusedAsVoided(long payment) {
    staff(given())
        .baseUri(PAYMENT_URL)
        .contentType(ContentType.JSON)
        .body(
            java.util.Map.of(
                "cardNumber", "4111111111111111", "cardCode", "123", "expirationDate", "12/40"))
        .post("/payments/process/" + payment)
        .then()
        .statusCode(409)
        .body("error", org.hamcrest.Matchers.containsString("voided"));
  }

  /** A value unique to this test run, e.g. for SKUs and e-mail addresses. */
  static String unique(String prefix) {
    return prefix + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
  }

  static Connection db() throws SQLException {
    return db("store_manager");
  }

  static Connection db(String database) throws SQLException {
    // Local-development credentials of the stack (see liberty-config/shared/service-common.xml).
    String url =
        "jdbc:mysql://"
            + System.getProperty("db.host", "127.0.0.1")
            + ":"
            + System.getProperty("db.port", "3306")
            + "/"
            + database
            + "?useSSL=false&allowPublicKeyRetrieval=true";
    return DriverManager.getConnection(url, "storemanager", "storemanager-dev");
  }

  /** The single number a query returns (COUNT, a quantity...), or null when there is no row. */
  static Long queryLong(String sql, Object... args) {
    return queryLongIn("store_manager", sql, args);
  }

  static Long queryLongIn(String database, String sql, Object... args) {
    return firstColumn(database, sql, args, rows -> rows.getLong(1));
  }

  /** The first column of the first row, as text, or null. */
  static String queryString(String sql, Object... args) {
    return queryStringIn("store_manager", sql, args);
  }

  static String queryStringIn(String database, String sql, Object... args) {
    return firstColumn(database, sql, args, rows -> rows.getString(1));
  }

  /**
   * Runs an UPDATE on the Store Manager's database (e.g. to age an order); returns the row count.
   */
  static int update(String sql, Object... args) {
    try (Connection c = db();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Column<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static <T> T firstColumn(String database, String sql, Object[] args, Column<T> column) {
    try (Connection c = db(database);
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? column.read(rows) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static synchronized RedisCommands<String, String> redis() {
    if (redis == null) {
      redis =
          RedisClient.create(System.getProperty("redis.uri", "redis://127.0.0.1:6379"))
              .connect()
              .sync();
    }
    return redis;
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes; fails with {@code what}. */
  static void eventually(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(100); // polling interval, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
