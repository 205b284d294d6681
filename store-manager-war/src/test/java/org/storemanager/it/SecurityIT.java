package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;
import static org.storemanager.common.security.Roles.SUPPLIER;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemanager.common.testing.DevTokens;

/**
 * Who may do what, asked of the Store Manager directly and through the gateway (which passes the
 * token and the answer through unchanged): every refusal is a JSON 401 or 403, and a refused write
 * writes nothing.
 */
class SecurityIT {

  /** The two ways in: the service itself and the gateway's {@code /store-api} route. */
  static Stream<String> entrances() {
    return Stream.of(Stack.STORE_URL, Stack.GATEWAY_URL + "/store-api");
  }

  /** Tokens that must not authenticate anybody, with what is wrong with them. */
  static Stream<Arguments> badTokens() {
    Stream.Builder<Arguments> cases = Stream.builder();
    entrances()
        .forEach(
            base -> {
              cases.add(Arguments.of(base, "expired", expired()));
              cases.add(
                  Arguments.of(
                      base, "tampered", DevTokens.builder().roles(SUPPLIER).tampered(MANAGER)));
              cases.add(
                  Arguments.of(base, "alg none", DevTokens.builder().roles(MANAGER).unsigned()));
              cases.add(
                  Arguments.of(
                      base,
                      "wrong issuer",
                      DevTokens.builder()
                          .roles(MANAGER)
                          .issuer("https://elsewhere.invalid")
                          .sign()));
              cases.add(
                  Arguments.of(
                      base,
                      "wrong audience",
                      DevTokens.builder().roles(MANAGER).audience("another-service").sign()));
              cases.add(Arguments.of(base, "not a JWT", "not-a-token"));
            });
    return cases.build();
  }

  private static String expired() {
    // Beyond any clock-skew allowance: issued 2 h ago, valid for 1 h.
    return DevTokens.builder()
        .roles(MANAGER)
        .issued(Duration.ofHours(2), Duration.ofHours(1))
        .sign();
  }

  private static RequestSpecification at(String base) {
    return given().baseUri(base).contentType(ContentType.JSON).accept(ContentType.JSON);
  }

  private static ValidatableResponse assertJsonError(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType(ContentType.JSON).body("error", notNullValue());
  }

  @ParameterizedTest
  @MethodSource("entrances")
  void healthStaysOpen(String base) {
    at(base).get("/health-check").then().statusCode(200);
    at(base).get("/health/ready").then().statusCode(200);
  }

  @ParameterizedTest
  @MethodSource("entrances")
  void noTokenIs401WithAChallenge(String base) {
    String email = Stack.unique("anonymous") + "@example.com";
    assertJsonError(
            at(base).body(Map.of("name", "Nobody", "email", email)).post("/users").then(), 401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("error", containsString("bearer token"));
    assertEquals(0L, Stack.queryLong("select count(*) from users where email = ?", email));
    assertJsonError(at(base).get("/orders/1").then(), 401);
    assertJsonError(
        at(base).body(Map.of("query", "{ stockLevel(productId: 1) }")).post("/graphql").then(),
        401);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badTokens")
  void badTokensAre401(String base, String what, String token) {
    assertJsonError(
        at(base).header("Authorization", "Bearer " + token).get("/stocks/1").then(), 401);
    String email = Stack.unique("forged") + "@example.com";
    assertJsonError(
        at(base)
            .header("Authorization", "Bearer " + token)
            .body(Map.of("name", "Forged", "email", email))
            .post("/users")
            .then(),
        401);
    assertEquals(0L, Stack.queryLong("select count(*) from users where email = ?", email));
  }

  /** A supplier may use GraphQL, and no REST write at all. */
  @ParameterizedTest
  @MethodSource("entrances")
  void supplierTokensCannotWriteThroughRest(String base) {
    String supplier = DevTokens.bearer(SUPPLIER);
    String email = Stack.unique("supplier") + "@example.com";
    Map<String, Object> order = Fixtures.orderBody(1, 1, 1);
    assertJsonError(
            at(base)
                .header("Authorization", supplier)
                .body(Map.of("name", "S", "email", email))
                .post("/users")
                .then(),
            403)
        .body("error", containsString("roles"));
    assertEquals(0L, Stack.queryLong("select count(*) from users where email = ?", email));
    String sku = Stack.unique("SKU");
    assertJsonError(
        at(base)
            .header("Authorization", supplier)
            .body(Map.of("name", "P", "sku", sku, "price", "1.00"))
            .post("/products")
            .then(),
        403);
    assertEquals(0L, Stack.queryLong("select count(*) from products where sku = ?", sku));
    long ordersBefore = Stack.queryLong("select count(*) from orders");
    assertJsonError(
        at(base).header("Authorization", supplier).body(order).post("/orders").then(), 403);
    assertEquals(ordersBefore, Stack.queryLong("select count(*) from orders"));
    assertJsonError(
        at(base)
            .header("Authorization", supplier)
            .body(Map.of("product_id", 1, "quantity", 1))
            .post("/stocks")
            .then(),
        403);
    assertJsonError(
        at(base)
            .header("Authorization", supplier)
            .body(Map.of("order_id", 1, "is_paid", true, "payment_link", "x"))
            .put("/orders")
            .then(),
        403);
    assertJsonError(at(base).header("Authorization", supplier).delete("/users/1").then(), 403);
    assertJsonError(at(base).header("Authorization", supplier).delete("/products/1").then(), 403);
    // ...but GraphQL is theirs.
    at(base)
        .header("Authorization", supplier)
        .body(Map.of("query", "{ stockLevel(productId: 1) }"))
        .post("/graphql")
        .then()
        .statusCode(200)
        .body("data.stockLevel", notNullValue());
  }

  @ParameterizedTest
  @MethodSource("entrances")
  void clerksAreRefusedTheManagersOperationsAndGraphQL(String base) {
    String clerk = DevTokens.bearer(CLERK);
    at(base).header("Authorization", clerk).get("/stocks/1").then().statusCode(200);
    assertJsonError(
        at(base).header("Authorization", clerk).get("/orders/reports/best-sellers").then(), 403);
    assertJsonError(
        at(base).header("Authorization", clerk).get("/stocks/reports/overview-stocks").then(), 403);
    assertJsonError(at(base).header("Authorization", clerk).delete("/users/1").then(), 403);
    assertJsonError(
        at(base)
            .header("Authorization", clerk)
            .body(Map.of("query", "{ stockLevel(productId: 1) }"))
            .post("/graphql")
            .then(),
        403);
    at(base)
        .header("Authorization", DevTokens.bearer(MANAGER))
        .get("/orders/reports/best-sellers")
        .then()
        .statusCode(200);
  }
}
