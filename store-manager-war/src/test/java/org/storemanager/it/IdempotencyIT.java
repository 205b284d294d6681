package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.store;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * {@code Idempotency-Key} on POST /orders (docs/adr/0011): a retry gets the first answer and places
 * nothing, even while the first request is still running; another body with the key is a 422; a
 * malformed key a 400. Every key of this class starts with a per-run prefix; their rows are deleted
 * after each test.
 */
class IdempotencyIT {

  private static final String KEY = "Idempotency-Key";
  private static final String REPLAYED = "Idempotent-Replayed";

  private final Fixtures fixtures = new Fixtures();
  private final List<String> keys = new ArrayList<>();

  @AfterEach
  void cleanUp() throws SQLException {
    try {
      fixtures.close();
    } finally {
      try (Connection db = Stack.db();
          PreparedStatement delete =
              db.prepareStatement("DELETE FROM idempotency_keys WHERE idempotency_key = ?")) {
        for (String key : keys) {
          delete.setString(1, key);
          delete.executeUpdate();
        }
      }
    }
  }

  /** A key of this run, remembered for the clean-up. */
  private String newKey() {
    String key = Stack.unique("idem-");
    keys.add(key);
    return key;
  }

  private static ExtractableResponse<Response> place(String key, Object body) {
    return store().header(KEY, key).body(body).post("/orders").then().extract();
  }

  private static long ordersOf(long user) {
    return queryLong("select count(*) from orders where user_id = ?", user);
  }

  private static long stockOf(long product) {
    return queryLong("select quantity from stocks where product_id = ?", product);
  }

  @Test
  void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndPlacesNothing() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    String key = newKey();

    var first = place(key, Fixtures.orderBody(user, product, 2));
    assertEquals(201, first.statusCode(), first.asString());
    long order = first.jsonPath().getLong("order_id");
    fixtures.track("/orders/" + order);
    assertNull(first.header(REPLAYED), "a first answer is no replay");
    assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));
    assertEquals(8L, stockOf(product));

    // The same request, written differently (order of fields, spaces) and with the key quoted as
    // the draft's structured-field string: the same request, the same key.
    String sameRequest =
        "{ \"items\" : [ { \"quantity\" : 2, \"product_id\" : "
            + product
            + " } ], \"user_id\" : "
            + user
            + " }";
    for (String sameKey : List.of(key, "\"" + key + "\"")) {
      var retry = place(sameKey, sameRequest);
      assertEquals(201, retry.statusCode(), retry.asString());
      assertEquals("true", retry.header(REPLAYED));
      assertEquals(first.asString(), retry.asString());
      assertEquals(first.header("Location"), retry.header("Location"));
      assertEquals(order, retry.jsonPath().getLong("order_id"));
    }

    assertEquals(1L, ordersOf(user), "the retries placed another order");
    assertEquals(
        1L,
        queryLong(
            "select count(*) from idempotency_keys where idempotency_key = ? and response_status ="
                + " 201",
            key));
    // Nothing new for the saga either: the stock was taken once.
    assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));
    assertEquals(8L, stockOf(product));
  }

  @Test
  void theSameKeyWithAnotherBodyIsUnprocessableAndPlacesNothing() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    String key = newKey();
    long order = place(key, Fixtures.orderBody(user, product, 1)).jsonPath().getLong("order_id");
    fixtures.track("/orders/" + order);

    store()
        .header(KEY, key)
        .body(Fixtures.orderBody(user, product, 5))
        .post("/orders")
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body(
            "error", startsWith("This Idempotency-Key was already used with a different request"));

    assertEquals(1L, ordersOf(user));
    Fixtures.awaitOutcome(order);
    assertEquals(9L, stockOf(product));
  }

  @Test
  void twoConcurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    String key = newKey();
    var body = Fixtures.orderBody(user, product, 3);

    List<ExtractableResponse<Response>> answers = inParallel(2, () -> place(key, body));

    for (var answer : answers) {
      assertEquals(201, answer.statusCode(), answer.asString());
    }
    long order = answers.get(0).jsonPath().getLong("order_id");
    fixtures.track("/orders/" + order);
    assertEquals(order, answers.get(1).jsonPath().getLong("order_id"));
    assertEquals(
        1L,
        answers.stream().filter(a -> a.header(REPLAYED) == null).count(),
        "exactly one answer is the first one");
    assertEquals(1L, ordersOf(user));
    assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));
    assertEquals(7L, stockOf(product), "the stock was taken more than once");
  }

  @Test
  void aFailedRequestStoresNothingAndItsRetryRunsAfresh() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    String key = newKey();

    store()
        .header(KEY, key)
        .body(Fixtures.orderBody(user, product, 1, 987654321L, 1))
        .post("/orders")
        .then()
        .statusCode(422)
        .body("error", equalTo("Product 987654321 does not exist"));
    assertEquals(
        0L, queryLong("select count(*) from idempotency_keys where idempotency_key = ?", key));

    var retry = place(key, Fixtures.orderBody(user, product, 1));
    assertEquals(201, retry.statusCode(), retry.asString());
    fixtures.track("/orders/" + retry.jsonPath().getLong("order_id"));
    assertNull(retry.header(REPLAYED));
    assertEquals(1L, ordersOf(user));
  }

  @Test
  void twoCallersWithTheSameKeyDoNotShareAnswers() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);
    String key = newKey();
    var body = Fixtures.orderBody(user, product, 1);

    long managers = place(key, body).jsonPath().getLong("order_id");
    fixtures.track("/orders/" + managers);
    var clerks =
        given()
            .baseUri(Stack.STORE_URL)
            .contentType(ContentType.JSON)
            .header("Authorization", DevTokens.bearer(Roles.CLERK))
            .header(KEY, key)
            .body(body)
            .post("/orders")
            .then()
            .statusCode(201)
            .extract();
    long clerksOrder = clerks.jsonPath().getLong("order_id");
    fixtures.track("/orders/" + clerksOrder);

    assertNotEquals(managers, clerksOrder);
    assertNull(clerks.header(REPLAYED));
    assertEquals(2L, ordersOf(user));
  }

  static List<String> malformedKeys() {
    return List.of(
        "", "\"\"", "two words", "\"unterminated", "a,b", "tab\tinside", "k".repeat(256));
  }

  @ParameterizedTest
  @MethodSource("malformedKeys")
  void aMalformedKeyIsABadRequestAndPlacesNothing(String malformed) {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 10);

    var answer = place(malformed, Fixtures.orderBody(user, product, 1));
    if (answer.statusCode() == 201) {
      fixtures.track("/orders/" + answer.jsonPath().getLong("order_id")); // so the clean-up works
    }
    assertEquals(400, answer.statusCode(), answer.asString());
    assertThat(answer.contentType(), startsWith("application/json"));
    assertThat(answer.jsonPath().getString("error"), startsWith("Idempotency-Key: must "));
    assertEquals(0L, ordersOf(user));
  }

  /** Sends {@code count} requests at the same moment (they all wait on one latch). */
  private static <T> List<T> inParallel(int count, Callable<T> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.call();
                }));
      }
      start.countDown();
      List<T> answers = new ArrayList<>();
      for (Future<T> result : results) {
        answers.add(result.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
