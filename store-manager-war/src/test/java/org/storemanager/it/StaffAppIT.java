package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.store;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * The staff web app's server side: its three files through the gateway ({@code /app/}, with the
 * console's strict CSP), and the two lists it reads, {@code GET /stocks} (paged, searchable, clerks
 * allowed) and {@code GET /orders} (the newest orders). The app itself runs in chromium in its own
 * browser tests (store-manager-war/src/main/staff-app/browser-tests/, tools/stack/tests.sh).
 */
class StaffAppIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void theGatewayServesTheAppsThreeFiles() {
    given()
        .baseUri(Stack.GATEWAY_URL)
        .get("/app/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("Content-Security-Policy", containsString("connect-src 'self'"))
        .body(containsString("src=\"./app.js\""))
        .body(containsString("href=\"./app.css\""));
    given()
        .baseUri(Stack.GATEWAY_URL)
        .get("/app/app.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"));
    given()
        .baseUri(Stack.GATEWAY_URL)
        .get("/app/app.css")
        .then()
        .statusCode(200)
        .contentType(containsString("text/css"));
    given()
        .baseUri(Stack.STORE_URL)
        .get("/app/no-such-file.js")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
  }

  @Test
  void theStockListIsPagedAndSearchableByAClerk() {
    String tag = Stack.unique("AppList");
    List<Long> ids =
        List.of(
            fixtures.product(tag + " alpha", "APPA-" + tag, "2.50", 3),
            fixtures.product(tag + " beta", "APPB-" + tag, "2.50", 3));
    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.CLERK))
        .queryParam("search", tag.toLowerCase())
        .queryParam("size", 1)
        .get("/stocks")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("page", equalTo(1))
        .body("size", equalTo(1))
        .body("items", hasSize(1))
        .body("items[0].product_id", equalTo(ids.get(0).intValue()))
        .body("items[0].quantity", equalTo(3));
    store()
        .queryParam("search", "appb-" + tag)
        .queryParam("page", 1)
        .get("/stocks")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].name", equalTo(tag + " beta"));
    store()
        .queryParam("search", tag)
        .queryParam("size", 1)
        .queryParam("page", 3)
        .get("/stocks")
        .then()
        .statusCode(200)
        .body("items", hasSize(0))
        .body("total", equalTo(2));
    // LIKE's wildcards are literal: "%" matches no product name here.
    store()
        .queryParam("search", tag + "%")
        .get("/stocks")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("size", 0),
            Map.of("size", 101),
            Map.of("page", 0),
            Map.of("search", "x".repeat(101)))) {
      store()
          .queryParams(bad)
          .get("/stocks")
          .then()
          .statusCode(400)
          .contentType(ContentType.JSON)
          .body("error", notNullValue());
    }
    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .get("/stocks")
        .then()
        .statusCode(403);
  }

  @Test
  void theNewestOrdersComeFirst() {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 10);
    long first = fixtures.order(user, product, 1);
    long second = fixtures.order(user, product, 2);
    List<Map<String, Object>> recent =
        given()
            .baseUri(Stack.STORE_URL)
            .header("Authorization", DevTokens.bearer(Roles.CLERK))
            .queryParam("limit", 100)
            .get("/orders")
            .then()
            .statusCode(200)
            .body("order_id", hasItem((int) second))
            .extract()
            .jsonPath()
            .getList("");
    List<Object> ids = recent.stream().map(o -> o.get("order_id")).toList();
    assertTrue(ids.indexOf((int) second) < ids.indexOf((int) first), "newest first: " + ids);
    Map<String, Object> line = recent.get(ids.indexOf((int) second));
    assertEquals((int) user, line.get("user_id"));
    assertEquals("COMPLETED", line.get("saga_state"));
    store().queryParam("limit", 1).get("/orders").then().statusCode(200).body("$", hasSize(1));
    store()
        .queryParam("limit", 0)
        .get("/orders")
        .then()
        .statusCode(400)
        .body("error", notNullValue());
  }
}
