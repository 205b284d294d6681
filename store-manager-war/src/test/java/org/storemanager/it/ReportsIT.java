package org.storemanager.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sales reports follow every order placed and deleted, through Redis sorted sets. */
class ReportsIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void highestSpendersFollowOrdersPlacedAndDeleted() {
    long bigSpender = fixtures.user();
    // Just under the payment limit (100000.00) per order, so both sagas complete.
    long luxury = fixtures.product("49999.99", 10);
    long first = fixtures.order(bigSpender, luxury, 2);
    fixtures.order(bigSpender, luxury, 1);

    store()
        .queryParam("limit", 100)
        .get("/orders/reports/highest-spenders")
        .then()
        .statusCode(200)
        .body("find { it.user_id == " + bigSpender + " }.total_spent", equalTo(149999.97f));
    assertEquals(14999997.0, redis().zscore("report:highest-spenders", Long.toString(bigSpender)));

    store().delete("/orders/" + first).then().statusCode(204);
    assertEquals(4999999.0, redis().zscore("report:highest-spenders", Long.toString(bigSpender)));
  }

  @Test
  void bestSellersCountUnitsSoldPerProduct() {
    long user = fixtures.user();
    long product = fixtures.product("0.01", 2_000_000);
    long order = fixtures.order(user, product, 1_000_000);
    fixtures.order(user, product, 500_000);

    store()
        .queryParam("limit", 100)
        .get("/orders/reports/best-sellers")
        .then()
        .statusCode(200)
        .body("find { it.product_id == " + product + " }.quantity_sold", equalTo(1_500_000))
        .body("find { it.product_id == " + product + " }.name", equalTo("Test Product"));

    store().delete("/orders/" + order).then().statusCode(204);
    assertEquals(500_000.0, redis().zscore("report:best-sellers", Long.toString(product)));

    fixtures.close(); // deletes the remaining order: the product leaves the report
    assertNull(redis().zscore("report:best-sellers", Long.toString(product)));
  }

  @Test
  void cancelledOrdersDoNotCount() {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 1);
    long order = fixtures.placeOrder(user, product, 2); // only 1 in stock
    assertEquals("CANCELLED", Fixtures.awaitOutcome(order).getString("saga_state"));
    assertNull(redis().zscore("report:highest-spenders", Long.toString(user)));
    assertNull(redis().zscore("report:best-sellers", Long.toString(product)));
  }

  @Test
  void limitIsValidated() {
    store().queryParam("limit", 0).get("/orders/reports/best-sellers").then().statusCode(400);
    store().queryParam("limit", 101).get("/orders/reports/highest-spenders").then().statusCode(400);
  }
}
