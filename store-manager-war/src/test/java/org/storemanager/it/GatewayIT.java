package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.common.security.Roles.CLERK;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.testing.DevTokens;

/**
 * The KrakenD gateway in front of both services (krakend/krakend.json, run by ./stack): routes,
 * pass-through of statuses and bodies, the rate limits (429 per client, 503 overall) and the
 * backend timeout (500). Every request carries a token, as the services require.
 */
class GatewayIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  /** A request through the gateway with a token of its own: one fresh rate-limit client. */
  private static RequestSpecification viaGateway(String token) {
    return given()
        .baseUri(Stack.GATEWAY_URL)
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + token);
  }

  private static String freshClerkToken() {
    return DevTokens.builder().roles(CLERK).sign(); // a new jti: a client the limiter never saw
  }

  @Test
  void backendStatusesBodiesAndHeadersPassThroughUnchanged() {
    String token = freshClerkToken();
    String email = Stack.unique("gateway") + "@example.com";
    Response created =
        viaGateway(token)
            .body(Map.of("name", "Via Gateway", "email", email))
            .post("/store-api/users");
    created
        .then()
        .statusCode(201)
        .header("Location", notNullValue())
        .body("user_id", notNullValue());
    long id = created.jsonPath().getLong("user_id");
    fixtures.track("/users/" + id);
    assertEquals(1L, Stack.queryLong("select count(*) from users where email = ?", email));
    viaGateway(token)
        .get("/store-api/users/" + id)
        .then()
        .statusCode(200)
        .body("email", equalTo(email));
    viaGateway(token)
        .get("/store-api/users/999999999")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
    viaGateway(token)
        .body(Fixtures.orderBody(999_999_999L, 1, 1))
        .post("/store-api/orders")
        .then()
        .statusCode(422)
        .body("error", notNullValue());
    given().baseUri(Stack.GATEWAY_URL).get("/store-api/no-such-route").then().statusCode(404);
  }

  @Test
  void ordersAreLimitedPerClientWith429() {
    String token = freshClerkToken();
    long ordersBefore = Stack.queryLong("select count(*) from orders");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      // An invalid body: the backend answers 400 and nothing is written, the limiter still counts.
      statuses.add(viaGateway(token).body("{}").post("/store-api/orders").statusCode());
    }
    assertTrue(statuses.subList(0, 10).stream().allMatch(s -> s == 400), "first ten: " + statuses);
    assertEquals(429, statuses.get(statuses.size() - 1), "statuses: " + statuses);
    assertEquals(ordersBefore, Stack.queryLong("select count(*) from orders"));
    // Another client is not affected.
    viaGateway(freshClerkToken()).body("{}").post("/store-api/orders").then().statusCode(400);
  }

  @Test
  void ordersAreLimitedOverallWith503() throws Exception {
    // More requests at once than the endpoint's max_rate bucket holds (capacity 50, refilled at
    // 50/s), each from its own client so that the per-client limit plays no part.
    int burst = 300;
    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      requests.add(
          HttpRequest.newBuilder(URI.create(Stack.GATEWAY_URL + "/store-api/orders"))
              .header("Authorization", "Bearer " + freshClerkToken())
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build());
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (HttpRequest request : requests) {
      answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      statuses.add(answer.get().statusCode());
    }
    assertTrue(statuses.contains(503), "no 503 in " + statuses);
    assertTrue(statuses.stream().allMatch(s -> s == 400 || s == 503), "statuses: " + statuses);
  }

  @Test
  void aBackendSlowerThanFiveSecondsIs500() {
    String token = freshClerkToken();
    viaGateway(token).get("/store-api/test/slow/0").then().statusCode(200);
    long start = System.nanoTime();
    viaGateway(token).get("/store-api/test/slow/7").then().statusCode(500);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 4_500 && millis < 7_000, "answered after " + millis + " ms");
  }

  @Test
  void theCoursePaymentPathPaysWithThePaymentLink() {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 3);
    long order = fixtures.order(user, product, 1);
    var placed = Stack.store().get("/orders/" + order).then().extract().jsonPath();
    long paymentId = placed.getLong("payment_id");
    String link = placed.getString("payment_link");
    assertTrue(link.startsWith(Stack.GATEWAY_URL + "/payments-api/payments/process/"), link);
    String key = link.substring(link.indexOf("?key=") + "?key=".length());
    String expiry = YearMonth.now().plusYears(2).format(DateTimeFormatter.ofPattern("MM/yy"));
    Map<String, String> card =
        Map.of("cardNumber", "4111111111111111", "cardCode", "123", "expirationDate", expiry);
    // Without the key the gateway passes the service's 401 through.
    given()
        .baseUri(Stack.GATEWAY_URL)
        .contentType(ContentType.JSON)
        .body(card)
        .post("/payments-api/payments/" + paymentId)
        .then()
        .statusCode(401);
    given()
        .baseUri(Stack.GATEWAY_URL)
        .contentType(ContentType.JSON)
        .queryParam("key", key)
        .body(card)
        .post("/payments-api/payments/" + paymentId)
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true));
    assertEquals(
        1L, Stack.queryLongIn("payment", "select is_paid from payments where id = ?", paymentId));
  }
}
