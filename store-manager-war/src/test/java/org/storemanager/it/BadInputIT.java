package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.store;

import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of bad input gets a 4xx with {@code {"error": "..."}}: never a 500, never a stack
 * trace, and nothing is written (row counts are compared before and after).
 */
class BadInputIT {

  private final Fixtures fixtures = new Fixtures();
  private long user;
  private long product;
  private long rowsBefore;

  @BeforeEach
  void setUp() {
    user = fixtures.user();
    product = fixtures.product("10.00", 5);
    rowsBefore = rowCount();
  }

  @AfterEach
  void cleanUp() {
    assertEquals(rowsBefore, rowCount(), "bad input must not write anything");
    assertEquals(5L, queryLong("select quantity from stocks where product_id = ?", product));
    fixtures.close();
  }

  private static long rowCount() {
    return queryLong(
        "select (select count(*) from users) + (select count(*) from products)"
            + " + (select count(*) from orders) + (select count(*) from order_items)");
  }

  private static ValidatableResponse assertClientError(ValidatableResponse response, int status) {
    return response
        .statusCode(status)
        .contentType("application/json")
        .body("error", notNullValue())
        .body(not(containsString("Exception")))
        .body(not(containsString("\tat ")));
  }

  static Stream<String> writeEndpoints() {
    return Stream.of("/users", "/products", "/stocks", "/orders");
  }

  @ParameterizedTest
  @MethodSource("writeEndpoints")
  void malformedJson(String path) {
    assertClientError(store().body("{\"name\": ").post(path).then(), 400)
        .body("error", containsString("not valid JSON"));
  }

  @ParameterizedTest
  @MethodSource("writeEndpoints")
  void wrongContentType(String path) {
    assertClientError(
        Stack.staff(given())
            .baseUri(Stack.STORE_URL)
            .contentType("text/plain")
            .body("hello")
            .post(path)
            .then(),
        415);
  }

  @ParameterizedTest
  @MethodSource("writeEndpoints")
  void emptyBody(String path) {
    assertClientError(store().post(path).then(), 400);
  }

  @ParameterizedTest
  @MethodSource("writeEndpoints")
  void emptyObjectMissesRequiredFields(String path) {
    assertClientError(store().body("{}").post(path).then(), 400)
        .body("error", containsString("must not be"));
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("/users", "{\"name\":null,\"email\":\"a@example.com\"}", "name"),
        Arguments.of("/users", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", "email"),
        Arguments.of(
            "/users", "{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"a@example.com\"}", "name"),
        Arguments.of(
            "/users",
            "{\"name\":\"<script>alert(1)</script>\",\"email\":\"a@example.com\"}",
            "name"),
        Arguments.of(
            "/users",
            "{\"name\":\"Robert'); DROP TABLE users;--\",\"email\":\"a@example.com\"}",
            "name"),
        Arguments.of(
            "/users", "{\"name\":\"Ada\",\"email\":\"a@example.com' OR '1'='1\"}", "email"),
        Arguments.of("/products", "{\"name\":\"X\",\"sku\":\"S-1\",\"price\":0}", "price"),
        Arguments.of("/products", "{\"name\":\"X\",\"sku\":\"S-1\",\"price\":-5}", "price"),
        Arguments.of("/products", "{\"name\":\"X\",\"sku\":\"S-1\",\"price\":1.001}", "price"),
        Arguments.of("/products", "{\"name\":\"X\",\"sku\":\"S 1;--\",\"price\":1}", "sku"),
        Arguments.of(
            "/products", "{\"name\":\"X\",\"sku\":\"" + "S".repeat(65) + "\",\"price\":1}", "sku"),
        Arguments.of("/stocks", "{\"product_id\":1,\"quantity\":-1}", "quantity"),
        Arguments.of(
            "/stocks", "{\"product_id\":null,\"quantity\":1}", "product_id: must not be null"),
        Arguments.of("/stocks", "{\"product_id\":0,\"quantity\":1}", "product_id"),
        Arguments.of("/stocks", "{\"product_id\":1,\"quantity\":2000000000}", "quantity"),
        Arguments.of("/orders", "{\"user_id\":1,\"items\":[]}", "items"),
        Arguments.of(
            "/orders", "{\"user_id\":1,\"items\":[{\"product_id\":1,\"quantity\":0}]}", "quantity"),
        Arguments.of(
            "/orders",
            "{\"user_id\":1,\"items\":[{\"product_id\":1,\"quantity\":-2}]}",
            "quantity"),
        Arguments.of("/orders", "{\"user_id\":1,\"items\":[null]}", "items"),
        Arguments.of(
            "/orders",
            "{\"user_id\":-1,\"items\":[{\"product_id\":1,\"quantity\":1}]}",
            "user_id"));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void invalidFieldsAreNamedInTheError(String path, String body, String field) {
    assertClientError(store().body(body).post(path).then(), 400)
        .body("error", containsString(field));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("/products", "{\"name\":\"X\",\"sku\":\"S-1\",\"price\":\"cheap\"}"),
        Arguments.of("/stocks", "{\"product_id\":\"one\",\"quantity\":1}"),
        Arguments.of("/stocks", "{\"product_id\":1,\"quantity\":1.5}"),
        Arguments.of("/stocks", "{\"product_id\":1,\"quantity\":99999999999999999999}"),
        Arguments.of("/orders", "{\"user_id\":1,\"items\":{\"product_id\":1}}"),
        Arguments.of("/users", "[1,2,3]"));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void wrongTypes(String path, String body) {
    assertClientError(store().body(body).post(path).then(), 400);
  }

  @Test
  void duplicateEmailAndSkuConflict() {
    String email = store().get("/users/" + user).then().extract().path("email");
    String sku = store().get("/products/" + product).then().extract().path("sku");
    assertClientError(
            store().body(Map.of("name", "Other", "email", email)).post("/users").then(), 409)
        .body("error", equalTo("A user with email " + email + " already exists"));
    assertClientError(
            store().body(Map.of("name", "Other", "sku", sku, "price", 1)).post("/products").then(),
            409)
        .body("error", equalTo("A product with SKU " + sku + " already exists"));
  }

  @Test
  void unknownIdsInPathsAreNotFound() {
    for (String path :
        new String[] {"/users/987654321", "/products/987654321", "/orders/987654321"}) {
      assertClientError(store().get(path).then(), 404);
      assertClientError(store().delete(path).then(), 404);
    }
    assertClientError(store().get("/users/abc").then(), 404);
    assertClientError(store().get("/no-such-resource").then(), 404);
    assertClientError(store().put("/users/" + user).then(), 405);
  }

  @Test
  void oversizedBodiesAreRefused() {
    String huge = "{\"name\":\"" + "a".repeat(1_100_000) + "\",\"email\":\"a@example.com\"}";
    assertClientError(store().body(huge).post("/users").then(), 413);
    // Without a Content-Length (chunked), the limit applies while the body is read.
    var chunked = new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8));
    assertClientError(store().body(chunked).post("/users").then(), 413);
    assertClientError(
        store()
            .body(Map.of("query", "{ products { id } }" + " ".repeat(1_100_000)))
            .post("/graphql")
            .then(),
        413);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/orders/reports/best-sellers?limit=abc",
        "/orders/reports/highest-spenders?limit=-3",
        "/users/99999999999999999999"
      })
  void badParametersAreBadRequests(String path) {
    assertClientError(store().get(path).then(), 400);
  }
}
