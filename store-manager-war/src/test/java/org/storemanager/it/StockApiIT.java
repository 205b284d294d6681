package org.storemanager.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stock levels: set, read (Redis), overview report (MySQL join), and the never-negative rule. */
class StockApiIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void setsAndReadsAStockLevel() {
    long product = fixtures.product("1.00", 0);
    store()
        .body(Map.of("product_id", product, "quantity", 42))
        .post("/stocks")
        .then()
        .statusCode(200)
        .body("product_id", equalTo((int) product))
        .body("quantity", equalTo(42));
    store().get("/stocks/" + product).then().statusCode(200).body("quantity", equalTo(42));
    assertEquals(42L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals("42", redis().hget("stock:" + product, "quantity"));
    assertEquals(42.0, redis().zscore("stock:by-quantity", Long.toString(product)));
  }

  @Test
  void unknownProductsAreNotFound() {
    store()
        .get("/stocks/987654321")
        .then()
        .statusCode(404)
        .body("error", equalTo("Product 987654321 does not exist"));
    store()
        .body(Map.of("product_id", 987654321L, "quantity", 1))
        .post("/stocks")
        .then()
        .statusCode(422)
        .body("error", equalTo("Product 987654321 does not exist"));
  }

  @Test
  void overviewListsEveryProductWithNameSkuPriceAndUnits() {
    long product = fixtures.product("7.25", 9);
    String sku = store().get("/products/" + product).then().extract().path("sku");
    var overview = store().get("/stocks/reports/overview-stocks").then().statusCode(200);
    overview.body("size()", greaterThanOrEqualTo(5));
    overview.body("find { it.product_id == " + product + " }.sku", equalTo(sku));
    overview.body("find { it.product_id == " + product + " }.unit_price", equalTo(7.25f));
    overview.body("find { it.product_id == " + product + " }.quantity", equalTo(9));
    overview.body("name", hasItem("Laptop ABC"));
  }

  @Test
  void theDatabaseItselfRefusesNegativeStock() throws Exception {
    long product = fixtures.product("1.00", 1);
    try (var c = Stack.db();
        var s = c.createStatement()) {
      // CHECK constraint ck_stocks_quantity_not_negative (MariaDB 4025, MySQL 8 3819).
      org.junit.jupiter.api.Assertions.assertThrows(
          java.sql.SQLException.class,
          () -> s.executeUpdate("update stocks set quantity = -1 where product_id = " + product));
    }
    assertEquals(1L, queryLong("select quantity from stocks where product_id = ?", product));
  }
}
