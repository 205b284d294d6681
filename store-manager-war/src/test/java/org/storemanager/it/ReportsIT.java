package org.storemanager.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
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
    long luxury = fixtures.product("99999999.99", 10); // outspends anyone else on the list
    long first = fixtures.order(bigSpender, luxury, 2);
    fixtures.order(bigSpender, luxury, 1);

    store()
        .get("/orders/reports/highest-spenders")
        .then()
        .statusCode(200)
        .body("size()", lessThanOrEqualTo(10))
        .body("[0].user_id", equalTo((int) bigSpender))
        .body("[0].total_spent", equalTo(299999999.97f));
    assertEquals(
        29999999997.0, redis().zscore("report:highest-spenders", Long.toString(bigSpender)));

    store().delete("/orders/" + first).then().statusCode(204);
    assertEquals(
        9999999999.0, redis().zscore("report:highest-spenders", Long.toString(bigSpender)));
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

    store().delete("/orders/" + fixtures.order(user, product, 1)).then().statusCode(204);
    fixtures.close(); // deletes the remaining order: the product leaves the report
    assertNull(redis().zscore("report:best-sellers", Long.toString(product)));
  }

  @Test
  void limitIsValidated() {
    store().queryParam("limit", 0).get("/orders/reports/best-sellers").then().statusCode(400);
    store().queryParam("limit", 101).get("/orders/reports/highest-spenders").then().statusCode(400);
  }
}
