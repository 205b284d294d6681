package org.storemanager.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.store;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Users and products: create, read, delete, and the reference seed data. */
class CatalogApiIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void healthEndpointsAnswer() {
    store().get("/health-check").then().statusCode(200).body("status", equalTo("ok"));
    store().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    // The stack runs on the committed development key, and says so: the check recognised it (a
    // deployment outside development would be DOWN here, DevelopmentCredentialsCheck).
    store()
        .get("/health/ready")
        .then()
        .body(
            "checks.find { it.name == 'credentials' }.data.development_credentials", equalTo(true));
    store()
        .get("/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.hasItems("database", "redis"));
    store()
        .get("/health/ready")
        .then()
        .body("checks.name", org.hamcrest.Matchers.hasItems("database", "redis"));
  }

  @Test
  void seedDataMatchesTheReference() {
    store()
        .get("/users/1")
        .then()
        .statusCode(200)
        .body("name", equalTo("Ada Lovelace"))
        .body("email", equalTo("alovelace@example.com"));
    store().get("/users/2").then().body("email", equalTo("agoldberg@example.com"));
    store().get("/users/3").then().body("name", equalTo("Alan Turing"));
    store()
        .get("/products/1")
        .then()
        .body("sku", equalTo("LP12567"))
        .body("price", equalTo(1999.99f));
    store()
        .get("/products/2")
        .then()
        .body("name", equalTo("Keyboard DEF"))
        .body("price", equalTo(59.5f));
    store().get("/products/3").then().body("sku", equalTo("GG12345")).body("price", equalTo(5.75f));
    store().get("/products/4").then().body("name", equalTo("27-inch Screen WYZ"));
  }

  @Test
  void createsReadsAndDeletesAUser() {
    String email = Stack.unique("ada") + "@example.com";
    var created =
        store()
            .body(Map.of("name", "Ada O'Brien-Smith", "email", email))
            .post("/users")
            .then()
            .statusCode(201)
            .header("Location", containsString("/users/"))
            .extract();
    long id = created.jsonPath().getLong("user_id");
    assertEquals(Stack.STORE_URL + "/users/" + id, created.header("Location"));

    store()
        .get("/users/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("name", equalTo("Ada O'Brien-Smith"))
        .body("email", equalTo(email));
    assertEquals(1L, queryLong("select count(*) from users where email = ?", email));

    store().delete("/users/" + id).then().statusCode(204);
    store()
        .get("/users/" + id)
        .then()
        .statusCode(404)
        .body("error", containsString("does not exist"));
    assertEquals(0L, queryLong("select count(*) from users where id = ?", id));
    store().delete("/users/" + id).then().statusCode(404);
  }

  @Test
  void createsAProductWithAZeroStockRow() {
    String sku = Stack.unique("SKU");
    long id =
        store()
            .body(Map.of("name", "Widget", "sku", sku, "price", 12.5))
            .post("/products")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("product_id");
    fixtures.track("/products/" + id);
    assertEquals(1L, queryLong("select count(*) from products where sku = ? and id = ?", sku, id));

    store()
        .get("/products/" + id)
        .then()
        .statusCode(200)
        .body("sku", equalTo(sku))
        .body("price", equalTo(12.5f));
    assertEquals(0L, queryLong("select quantity from stocks where product_id = ?", id));
    store().get("/stocks/" + id).then().statusCode(200).body("quantity", equalTo(0));
  }

  @Test
  void deletesAnUnorderedProductWithItsStock() {
    long id = fixtures.product("3.00", 5);
    store().delete("/products/" + id).then().statusCode(204);
    store().get("/products/" + id).then().statusCode(404);
    store().get("/stocks/" + id).then().statusCode(404);
    assertEquals(0L, queryLong("select count(*) from stocks where product_id = ?", id));
    assertEquals(0L, Stack.redis().exists("stock:" + id));
  }

  @Test
  void refusesToDeleteUsersAndProductsThatOrdersReferTo() {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 10);
    fixtures.order(user, product, 1);

    store()
        .delete("/products/" + product)
        .then()
        .statusCode(409)
        .body("error", containsString("cannot be deleted"));
    store()
        .delete("/users/" + user)
        .then()
        .statusCode(409)
        .body("error", containsString("cannot be deleted"));
    assertEquals(1L, queryLong("select count(*) from products where id = ?", product));
    assertEquals(1L, queryLong("select count(*) from users where id = ?", user));
  }
}
