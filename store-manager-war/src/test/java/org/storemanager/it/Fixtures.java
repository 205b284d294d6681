package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.store;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Creates the users, products and orders a test needs, and deletes them again (newest first,
 * through the API so stock and read models are restored) in {@link #close()}.
 */
final class Fixtures implements AutoCloseable {

  /** How long a saga may take in tests (it takes well under a second on a quiet stack). */
  static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

  private final Deque<String> created = new ArrayDeque<>();

  long user() {
    String name = "Test User";
    long id =
        store()
            .body(Map.of("name", name, "email", Stack.unique("user") + "@example.com"))
            .post("/users")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("user_id");
    created.push("/users/" + id);
    return id;
  }

  long product(String price, int stock) {
    return product("Test Product", Stack.unique("SKU"), price, stock);
  }

  /** A product with that name and SKU, and {@code stock} units; deleted by {@link #close}. */
  long product(String name, String sku, String price, int stock) {
    long id =
        store()
            .body(Map.of("name", name, "sku", sku, "price", price))
            .post("/products")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("product_id");
    created.push("/products/" + id);
    store()
        .body(Map.of("product_id", id, "quantity", stock))
        .post("/stocks")
        .then()
        .statusCode(200);
    return id;
  }

  /**
   * Places an order of {productId, quantity} pairs and waits until its saga COMPLETED (stock taken,
   * payment created); returns its id.
   */
  long order(long userId, long... productAndQuantity) {
    long id = placeOrder(userId, productAndQuantity);
    assertEquals("COMPLETED", awaitOutcome(id).getString("saga_state"), "saga outcome");
    return id;
  }

  /** Places an order and returns its id at once (the saga runs on). */
  long placeOrder(long userId, long... productAndQuantity) {
    long id =
        store()
            .body(orderBody(userId, productAndQuantity))
            .post("/orders")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("order_id");
    created.push("/orders/" + id);
    return id;
  }

  /** Polls GET /orders/{id} until its saga reached COMPLETED or CANCELLED; returns the order. */
  static JsonPath awaitOutcome(long orderId) {
    return awaitOutcome(orderId, SAGA_TIMEOUT);
  }

  static JsonPath awaitOutcome(long orderId, Duration timeout) {
    JsonPath[] order = new JsonPath[1];
    Stack.eventually(
        timeout,
        "saga outcome of order " + orderId,
        () -> {
          order[0] = store().get("/orders/" + orderId).then().statusCode(200).extract().jsonPath();
          String state = order[0].getString("saga_state");
          return "COMPLETED".equals(state) || "CANCELLED".equals(state);
        });
    return order[0];
  }

  static Map<String, Object> orderBody(long userId, long... productAndQuantity) {
    List<Map<String, Long>> items = new java.util.ArrayList<>();
    for (int i = 0; i < productAndQuantity.length; i += 2) {
      items.add(Map.of("product_id", productAndQuantity[i], "quantity", productAndQuantity[i + 1]));
    }
    return Map.of("user_id", userId, "items", items);
  }

  /** Records something the test created by other means, to delete at the end. */
  void track(String path) {
    created.push(path);
  }

  @Override
  public void close() {
    while (!created.isEmpty()) {
      String path = created.pop();
      if (path.startsWith("/orders/")) {
        // An order can be deleted once its saga has ended.
        int found = store().get(path).statusCode();
        if (found == 200) {
          awaitOutcome(Long.parseLong(path.substring("/orders/".length())));
        }
      }
      int status = store().delete(path).statusCode();
      if (status == 409 && path.startsWith("/orders/")) {
        // A paid order is refused: record the refund (manual correction), then delete it.
        long order = Long.parseLong(path.substring("/orders/".length()));
        store()
            .body(Map.of("order_id", order, "is_paid", false))
            .put("/orders")
            .then()
            .statusCode(200);
        status = store().delete(path).statusCode();
      }
      if (status != 204 && status != 404) {
        throw new IllegalStateException("Cleanup of " + path + " answered " + status);
      }
    }
  }
}
