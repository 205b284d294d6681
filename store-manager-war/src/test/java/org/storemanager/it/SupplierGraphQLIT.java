package org.storemanager.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.redis;
import static org.storemanager.it.Stack.store;

import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The suppliers' GraphQL API at /graphql. */
class SupplierGraphQLIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  private static ValidatableResponse graphql(String query) {
    return store().body(Map.of("query", query)).post("/graphql").then().statusCode(200);
  }

  @Test
  void queriesAProductWithItsStock() {
    long product = fixtures.product("12.34", 17);
    graphql("{ product(id: " + product + ") { id name sku price quantity } }")
        .body("data.product.id", equalTo((int) product))
        .body("data.product.name", equalTo("Test Product"))
        .body("data.product.price", equalTo(12.34f))
        .body("data.product.quantity", equalTo(17))
        .body("data.product.sku", notNullValue());
    graphql("{ stockLevel(productId: " + product + ") }").body("data.stockLevel", equalTo(17));
  }

  @Test
  void listsProductsRunningLow() {
    long low = fixtures.product("1.00", 1);
    long plenty = fixtures.product("1.00", 5000);
    graphql("{ products(lowStockBelow: 2) { id quantity } }")
        .body("data.products.id", hasItem((int) low))
        .body("data.products.id", not(hasItem((int) plenty)))
        .body("data.products.quantity", everyItem(lessThan(2)));
    graphql("{ products { id } }").body("data.products.id", hasItem((int) plenty));
  }

  @Test
  void restockAddsUnitsThroughTheCommandPath() {
    long product = fixtures.product("1.00", 3);
    graphql("mutation { restock(productId: " + product + ", quantity: 7) { id quantity } }")
        .body("data.restock.quantity", equalTo(10));
    assertEquals(10L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals("10", redis().hget("stock:" + product, "quantity"));
    store().get("/stocks/" + product).then().body("quantity", equalTo(10));
  }

  @Test
  void errorsAreClearMessagesWithoutStackTraces() {
    long product = fixtures.product("1.00", 3);
    graphql("{ product(id: 987654321) { id } }")
        .body("errors[0].message", equalTo("Product 987654321 does not exist"))
        .body(not(containsString("\tat ")));
    graphql("mutation { restock(productId: " + product + ", quantity: 0) { id } }")
        .body("errors[0].message", equalTo("quantity must be greater than 0"));
    graphql("mutation { restock(productId: " + product + ", quantity: 2000000000) { id } }")
        .body("errors[0].message", containsString("would exceed the maximum"));
    // Validation errors (wrong argument type, unknown field): a GraphQL error, not a 500 page.
    graphql("{ product(id: \"abc\") { id } }")
        .body("errors[0].message", containsString("Invalid GraphQL query"));
    graphql("{ nope }").body("errors[0].message", containsString("Invalid GraphQL query"));
    assertEquals(3L, queryLong("select quantity from stocks where product_id = ?", product));
  }
}
