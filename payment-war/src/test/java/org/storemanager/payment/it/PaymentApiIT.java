package org.storemanager.payment.it;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * End-to-end tests of the payment REST API against a running payment server ({@code payment.url},
 * default http://127.0.0.1:5009) and its database ({@code db.host}/{@code db.port}), with the
 * default configuration (payment.max-amount = 100000.00).
 *
 * <p>Every test uses order ids of its own (from a per-run base), and {@link #deleteTestRows()}
 * removes the rows they created, so runs do not interfere with each other or with real data.
 */
class PaymentApiIT {

  private static final String VISA = "4111111111111111";
  private static final String VISA_GROUPED = "4111 1111 1111 1111";
  private static final String CARD_CODE = "7391";

  /** A card that is valid for years, whatever today is. */
  private static final String EXPIRY =
      YearMonth.now(ZoneOffset.UTC).plusYears(3).format(DateTimeFormatter.ofPattern("MM/yy"));

  /** Milliseconds since 1970 x 1000: unique per run, and leaves room for 1000 orders a run. */
  private static final long ORDER_BASE = System.currentTimeMillis() * 1000;

  private static final AtomicLong NEXT_ORDER = new AtomicLong(ORDER_BASE);

  @BeforeAll
  static void configureRestAssured() {
    RestAssured.baseURI = System.getProperty("payment.url", "http://127.0.0.1:5009");

    // Amounts as BigDecimal, so 12.50 is compared exactly and not as a double.
    RestAssured.config =
        RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL));
  }

  /** Idempotency keys of this run: {@code it-<ORDER_BASE>-<n>}. */
  private static final AtomicLong NEXT_KEY = new AtomicLong();

  @AfterAll
  static void deleteTestRows() throws SQLException {
    try (Connection db = database();
        PreparedStatement delete =
            db.prepareStatement("DELETE FROM payments WHERE order_id BETWEEN ? AND ?");
        PreparedStatement deleteKeys =
            db.prepareStatement("DELETE FROM idempotency_keys WHERE idempotency_key LIKE ?")) {
      delete.setLong(1, ORDER_BASE);
      delete.setLong(2, NEXT_ORDER.get());
      delete.executeUpdate();
      deleteKeys.setString(1, "it-" + ORDER_BASE + "-%");
      deleteKeys.executeUpdate();
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** A fresh order id of this run (all of them lie between ORDER_BASE and NEXT_ORDER). */
  private static long newOrderId() {
    return NEXT_ORDER.incrementAndGet();
  }

  private static Connection database() throws SQLException {
    String url =
        "jdbc:mysql://"
            + System.getProperty("db.host", "127.0.0.1")
            + ":"
            + System.getProperty("db.port", "3306")
            + "/payment?useSSL=false&allowPublicKeyRetrieval=true";
    return DriverManager.getConnection(url, "storemanager", "storemanager-dev");
  }

  private static long rowsForOrder(long orderId) throws SQLException {
    try (Connection db = database();
        PreparedStatement query =
            db.prepareStatement("SELECT COUNT(*) FROM payments WHERE order_id = ?")) {
      query.setLong(1, orderId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The payment's row as column name -> value (as text), read straight from the database. */
  private static Map<String, String> row(long paymentId) throws SQLException {
    try (Connection db = database();
        PreparedStatement query = db.prepareStatement("SELECT * FROM payments WHERE id = ?")) {
      query.setLong(1, paymentId);
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next(), "payment " + paymentId + " has no row");
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, String> columns = new TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.put(meta.getColumnLabel(i).toLowerCase(), rs.getString(i));
        }
        return columns;
      }
    }
  }

  /** A request as store staff: a clerk's bearer token (LOCAL DEVELOPMENT key, DevTokens). */
  private static RequestSpecification given() {
    return RestAssured.given().header("Authorization", DevTokens.bearer(Roles.CLERK));
  }

  /** A request with no credentials at all. */
  private static RequestSpecification anonymous() {
    return RestAssured.given();
  }

  private static String createBody(long userId, long orderId, String amount) {
    return "{\"user_id\":"
        + userId
        + ",\"order_id\":"
        + orderId
        + ",\"total_amount\":"
        + amount
        + "}";
  }

  private static Response postPayment(String body) {
    return given().contentType(ContentType.JSON).body(body).when().post("/payments");
  }

  /** A fresh idempotency key of this run. */
  private static String newKey() {
    return "it-" + ORDER_BASE + "-" + NEXT_KEY.incrementAndGet();
  }

  private static Response postPayment(String idempotencyKey, String body) {
    return given()
        .header("Idempotency-Key", idempotencyKey)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/payments");
  }

  /** Creates a payment and returns its id. */
  private static long createPayment(long orderId, String amount) {
    return postPayment(createBody(42, orderId, amount))
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("payment_id");
  }

  private static String cardBody(String number, String code, String expiry) {
    return "{\"cardNumber\":\""
        + number
        + "\",\"cardCode\":\""
        + code
        + "\",\"expirationDate\":\""
        + expiry
        + "\"}";
  }

  private static Response process(long paymentId, String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/payments/process/" + paymentId);
  }

  private static void assertUnpaid(long paymentId) {
    given()
        .get("/payments/" + paymentId)
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(false))
        .body("paid_at", nullValue());
  }

  // --- authentication and the payment link's capability -----------------------------------------

  @Test
  void healthStaysOpenWithoutAToken() {
    anonymous().get("/health-check").then().statusCode(200);
    anonymous().get("/health/ready").then().statusCode(200);
  }

  @Test
  void staffEndpointsRefuseMissingOrForeignCredentials() {
    String body = createBody(42, NEXT_ORDER.incrementAndGet(), "10.00");
    anonymous()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/payments")
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("error", containsString("bearer token"));
    anonymous()
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/payments")
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("error", containsString("roles"));
    anonymous().get("/payments/1").then().statusCode(401).body("error", notNullValue());
  }

  @Test
  void thePaymentLinkPaysItsOwnPaymentAndNoOther() {
    JsonPath mine =
        postPayment(createBody(42, NEXT_ORDER.incrementAndGet(), "12.00"))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long paymentId = mine.getLong("payment_id");
    String link = mine.getString("payment_link");
    assertTrue(
        link.contains("/payments-api/payments/process/" + paymentId + "?key="), "link: " + link);
    String key = link.substring(link.indexOf("?key=") + "?key=".length());
    long other = createPayment(NEXT_ORDER.incrementAndGet(), "13.00");
    String card = cardBody(VISA, CARD_CODE, EXPIRY);

    // Knowing the sequential id is not enough; nor is another payment's key; nor a supplier token.
    anonymous()
        .contentType(ContentType.JSON)
        .body(card)
        .post("/payments/process/" + other)
        .then()
        .statusCode(401)
        .body("error", containsString("payment link"));
    anonymous()
        .contentType(ContentType.JSON)
        .queryParam("key", key)
        .body(card)
        .post("/payments/process/" + other)
        .then()
        .statusCode(403)
        .body("error", containsString("does not open payment " + other));
    anonymous()
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .contentType(ContentType.JSON)
        .body(card)
        .post("/payments/process/" + other)
        .then()
        .statusCode(403);
    assertUnpaid(other);

    // The link's own key pays its payment, without any token.
    anonymous()
        .contentType(ContentType.JSON)
        .queryParam("key", key)
        .body(card)
        .post("/payments/process/" + paymentId)
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true));
    // A clerk's token pays any payment.
    process(other, card).then().statusCode(200).body("is_paid", equalTo(true));
  }

  // --- service status ---------------------------------------------------------------------------

  @Test
  void rootAndHealthCheckNameTheService() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("service", equalTo("payment"))
        .body("status", equalTo("ok"));
    given().get("/health-check").then().statusCode(200).body("service", equalTo("payment"));
  }

  // --- create and read --------------------------------------------------------------------------

  @Test
  void createdPaymentCanBeReadBackUnpaid() {
    long orderId = newOrderId();
    Response created = postPayment(createBody(7, orderId, "12.50"));
    created.then().statusCode(201).contentType(ContentType.JSON).body("payment_id", notNullValue());
    long paymentId = created.jsonPath().getLong("payment_id");
    assertTrue(paymentId > 0);
    created.then().header("Location", endsWith("/payments/" + paymentId));

    Response read = given().get("/payments/" + paymentId);
    read.then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("total_amount", equalTo(new BigDecimal("12.50")))
        .body("is_paid", equalTo(false))
        .body("$", hasKey("paid_at"))
        .body("paid_at", nullValue())
        .body("voided_at", nullValue())
        .body("refunded_at", nullValue())
        .body("status", equalTo("unpaid"));
    JsonPath json = read.jsonPath();
    assertEquals(paymentId, json.getLong("payment_id"));
    assertEquals(orderId, json.getLong("order_id"));
    assertEquals(7, json.getLong("user_id"));
    // created_at is a real instant, close to now.
    Instant createdAt = Instant.parse(read.jsonPath().getString("created_at"));
    assertTrue(Math.abs(createdAt.getEpochSecond() - Instant.now().getEpochSecond()) < 300);
    // Exactly the documented fields, in snake_case; nothing else.
    assertEquals(
        Set.of(
            "payment_id",
            "order_id",
            "user_id",
            "total_amount",
            "is_paid",
            "created_at",
            "paid_at",
            "voided_at",
            "refunded_at",
            "status"),
        read.jsonPath().getMap("$").keySet());
  }

  @Test
  void zeroAndTheLimitItselfAreAcceptedAmounts() throws SQLException {
    long zero = newOrderId();
    createPayment(zero, "0");
    long atLimit = newOrderId();
    long id = createPayment(atLimit, "100000.00");
    assertEquals("100000.00", row(id).get("total_amount"));
    assertEquals(1, rowsForOrder(zero));
  }

  @Test
  void secondPaymentForTheSameOrderIsAConflict() throws SQLException {
    long orderId = newOrderId();
    long first = createPayment(orderId, "10.00");
    postPayment(createBody(42, orderId, "99.99"))
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON)
        .body("error", equalTo("Order " + orderId + " already has payment " + first));
    assertEquals(1, rowsForOrder(orderId));
    assertEquals("10.00", row(first).get("total_amount"));
  }

  @Test
  void concurrentPaymentsForOneOrderCreateExactlyOne() throws Exception {
    long orderId = newOrderId();
    List<Integer> statuses = inParallel(8, () -> postPayment(createBody(42, orderId, "5.00")));
    assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
    assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    assertEquals(1, rowsForOrder(orderId));
  }

  // --- Idempotency-Key (docs/adr/0011) ----------------------------------------------------------

  @Test
  void aRetryWithTheSameKeyAndBodyGetsTheFirstPaymentAgain() throws SQLException {
    long orderId = newOrderId();
    String key = newKey();
    Response first = postPayment(key, createBody(42, orderId, "12.50"));
    first.then().statusCode(201).header("Idempotent-Replayed", nullValue());

    // The same request written differently (field order, spaces, 12.5 for 12.50), and the key
    // quoted as the draft's structured-field string: still the same request and key.
    String sameRequest =
        "{ \"total_amount\": 12.5, \"order_id\": " + orderId + ", \"user_id\": 42 }";
    for (String sameKey : List.of(key, "\"" + key + "\"")) {
      Response retry = postPayment(sameKey, sameRequest);
      retry.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
      assertEquals(first.asString(), retry.asString());
      assertEquals(first.header("Location"), retry.header("Location"));
    }
    assertEquals(1, rowsForOrder(orderId));
    // Without the key, a second payment for the order is still a conflict.
    postPayment(createBody(42, orderId, "12.50")).then().statusCode(409);
  }

  @Test
  void theSameKeyWithAnotherBodyIsUnprocessableAndCreatesNothing() throws SQLException {
    long orderId = newOrderId();
    long otherOrder = newOrderId();
    String key = newKey();
    postPayment(key, createBody(42, orderId, "10.00")).then().statusCode(201);

    postPayment(key, createBody(42, otherOrder, "10.00"))
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body(
            "error", startsWith("This Idempotency-Key was already used with a different request"));
    assertEquals(0, rowsForOrder(otherOrder));
    assertEquals(1, rowsForOrder(orderId));
  }

  @Test
  void concurrentRequestsWithOneKeyCreateOnePaymentAndGetItsAnswer() throws Exception {
    long orderId = newOrderId();
    String key = newKey();
    String body = createBody(42, orderId, "5.00");

    List<Response> answers = answersInParallel(2, () -> postPayment(key, body));

    for (Response answer : answers) {
      answer.then().statusCode(201);
    }
    assertEquals(
        answers.get(0).jsonPath().getLong("payment_id"),
        answers.get(1).jsonPath().getLong("payment_id"));
    assertEquals(
        1,
        answers.stream().filter(a -> a.header("Idempotent-Replayed") == null).count(),
        "exactly one answer is the first one");
    assertEquals(1, rowsForOrder(orderId));
  }

  static Stream<String> malformedKeys() {
    return Stream.of("", "\"\"", "two words", "\"unterminated", "a;b", "k".repeat(256));
  }

  @ParameterizedTest
  @MethodSource("malformedKeys")
  void aMalformedKeyIsABadRequestAndCreatesNothing(String malformed) throws SQLException {
    long orderId = newOrderId();
    postPayment(malformed, createBody(42, orderId, "1.00"))
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", startsWith("Idempotency-Key: must "));
    assertEquals(0, rowsForOrder(orderId));
  }

  @Test
  void amountAboveTheConfiguredLimitIsUnprocessable() throws SQLException {
    long orderId = newOrderId();
    postPayment(createBody(42, orderId, "100000.01"))
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body(
            "error",
            allOf(
                containsString("100000.01"),
                containsString("100000.00"),
                containsString("payment.max-amount")));
    assertEquals(0, rowsForOrder(orderId));
  }

  @Test
  void unknownPaymentIsNotFound() {
    given()
        .get("/payments/" + Long.MAX_VALUE)
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", equalTo("Payment " + Long.MAX_VALUE + " does not exist"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "1.5", "1%20OR%201=1", "99999999999999999999999"})
  void paymentIdThatIsNotAnIdIsAClientError(String id) {
    given()
        .urlEncodingEnabled(false)
        .get("/payments/" + id)
        .then()
        .statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
  }

  /** Bodies that must be refused with 400; {@code %d} is replaced by a fresh order id. */
  static Stream<Arguments> invalidCreateBodies() {
    return Stream.of(
        Arguments.of("{\"order_id\":%d,\"total_amount\":1}", "user_id: must not be null"),
        Arguments.of("{\"user_id\":1,\"total_amount\":1}", "order_id: must not be null"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d}", "total_amount: must not be null"),
        Arguments.of(
            "{\"user_id\":null,\"order_id\":%d,\"total_amount\":null}",
            "total_amount: must not be null; user_id: must not be null"),
        Arguments.of("{}", "order_id: must not be null"),
        Arguments.of("{\"user_id\":0,\"order_id\":%d,\"total_amount\":1}", "user_id: must be"),
        Arguments.of("{\"user_id\":-5,\"order_id\":%d,\"total_amount\":1}", "user_id: must be"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d,\"total_amount\":-0.01}", "total_amount"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d,\"total_amount\":1.234}", "2 decimals"),
        // A binary floating-point result is not a cent value: the client rounds (multipleOf 0.01).
        Arguments.of(
            "{\"user_id\":1,\"order_id\":%d,\"total_amount\":2.9699999999999998}", "2 decimals"),
        Arguments.of(
            "{\"user_id\":1,\"order_id\":%d,\"total_amount\":12345678901}", "at most 10 digits"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d,\"total_amount\":1e400}", "total_amount"),
        // Plain JSON-B would turn these into other ids (1 and an overflowed long).
        Arguments.of("{\"user_id\":1.5,\"order_id\":%d,\"total_amount\":1}", "whole number"),
        Arguments.of(
            "{\"user_id\":99999999999999999999999,\"order_id\":%d,\"total_amount\":1}",
            "out of range"),
        Arguments.of("{\"user_id\":\"abc\",\"order_id\":%d,\"total_amount\":1}", "not valid JSON"),
        Arguments.of(
            "{\"user_id\":\"1; DROP TABLE payments; --\",\"order_id\":%d,\"total_amount\":1}",
            "not valid JSON"),
        Arguments.of(
            "{\"user_id\":\"<script>alert(1)</script>\",\"order_id\":%d,\"total_amount\":1}",
            "not valid JSON"),
        Arguments.of("{\"user_id\":true,\"order_id\":%d,\"total_amount\":1}", "not valid JSON"),
        Arguments.of("{\"user_id\":[1],\"order_id\":%d,\"total_amount\":1}", "not valid JSON"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d,\"total_amount\":\"lots\"}", "not valid JSON"),
        Arguments.of("{\"user_id\":1,\"order_id\":%d,\"total_amount\":1", "not valid JSON"),
        Arguments.of("[1, %d, 1]", "not valid JSON"),
        Arguments.of("null", "request body: must not be null"),
        Arguments.of("", "not valid JSON"),
        Arguments.of("not json at all", "not valid JSON"));
  }

  @ParameterizedTest
  @MethodSource("invalidCreateBodies")
  void invalidCreateRequestsAreRejectedWithoutWriting(String template, String expectedError)
      throws SQLException {
    long orderId = newOrderId();
    postPayment(template.replace("%d", Long.toString(orderId)))
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", containsString(expectedError));
    assertEquals(0, rowsForOrder(orderId));
  }

  @Test
  void veryLongValuesAreRejected() throws SQLException {
    long orderId = newOrderId();
    String longDigits = "9".repeat(100_000);
    postPayment(createBody(42, orderId, longDigits))
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", startsWith("total_amount"));
    String huge = "{\"user_id\":\"" + "x".repeat(1_100_000) + "\"}";
    postPayment(huge).then().statusCode(413).body("error", containsString("1 MiB"));
    assertEquals(0, rowsForOrder(orderId));
  }

  @Test
  void wrongContentTypeIsUnsupported() throws SQLException {
    long orderId = newOrderId();
    given()
        .contentType(ContentType.TEXT)
        .body(createBody(42, orderId, "1.00"))
        .post("/payments")
        .then()
        .statusCode(415)
        .contentType(ContentType.JSON)
        .body("error", containsString("application/json"));
    assertEquals(0, rowsForOrder(orderId));
  }

  @Test
  void unsupportedMethodIsRefused() {
    given().delete("/payments/1").then().statusCode(405).body("error", notNullValue());
  }

  // --- processing -------------------------------------------------------------------------------

  @Test
  void processingMarksThePaymentPaid() {
    long orderId = newOrderId();
    long paymentId = createPayment(orderId, "49.90");
    assertUnpaid(paymentId);

    JsonPath processed =
        process(paymentId, cardBody(VISA_GROUPED, CARD_CODE, EXPIRY))
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("is_paid", equalTo(true))
            .extract()
            .jsonPath();
    assertEquals(orderId, processed.getLong("order_id"));
    assertEquals(paymentId, processed.getLong("payment_id"));
    assertEquals(Set.of("order_id", "payment_id", "is_paid"), processed.getMap("$").keySet());

    Response read = given().get("/payments/" + paymentId);
    read.then().statusCode(200).body("is_paid", equalTo(true)).body("paid_at", notNullValue());
    Instant paidAt = Instant.parse(read.jsonPath().getString("paid_at"));
    Instant createdAt = Instant.parse(read.jsonPath().getString("created_at"));
    assertFalse(paidAt.isBefore(createdAt), "paid before it was created");
  }

  @Test
  void processingAgainIsIdempotent() throws SQLException {
    long orderId = newOrderId();
    long paymentId = createPayment(orderId, "20.00");
    String card = cardBody(VISA, CARD_CODE, EXPIRY);
    String first = process(paymentId, card).then().statusCode(200).extract().asString();
    Map<String, String> afterFirst = row(paymentId);

    String second = process(paymentId, card).then().statusCode(200).extract().asString();
    assertEquals(first, second);
    assertEquals(afterFirst, row(paymentId), "the second processing changed the row");
    assertEquals("1", afterFirst.get("is_paid"));
    assertNotNull(afterFirst.get("paid_at"));
  }

  @Test
  void concurrentProcessingUpdatesTheRowOnce() throws Exception {
    long paymentId = createPayment(newOrderId(), "30.00");
    String card = cardBody(VISA, CARD_CODE, EXPIRY);
    List<Integer> statuses = inParallel(6, () -> process(paymentId, card));
    assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses);
    assertEquals("1", row(paymentId).get("version"), "paid more than once");
  }

  @Test
  void processingAnUnknownPaymentIsNotFound() {
    process(Long.MAX_VALUE, cardBody(VISA, CARD_CODE, EXPIRY))
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", equalTo("Payment " + Long.MAX_VALUE + " does not exist"));
  }

  @Test
  void theDatabaseKeepsNoTraceOfTheCard() throws SQLException {
    long paymentId = createPayment(newOrderId(), "75.00");
    process(paymentId, cardBody(VISA_GROUPED, CARD_CODE, EXPIRY)).then().statusCode(200);

    Map<String, String> row = row(paymentId);
    assertEquals(
        Set.of(
            "id",
            "order_id",
            "user_id",
            "total_amount",
            "is_paid",
            "created_at",
            "paid_at",
            "correlation_id",
            "voided_at",
            "void_reason",
            "refunded_at",
            "version"),
        row.keySet(),
        "the payments table has a column it should not have");
    for (Map.Entry<String, String> column : row.entrySet()) {
      String value = String.valueOf(column.getValue());
      assertFalse(value.contains(VISA), column.getKey() + " holds the card number");
      assertFalse(value.contains(VISA_GROUPED), column.getKey() + " holds the card number");
      assertFalse(value.equals(CARD_CODE), column.getKey() + " holds the card code");
      assertFalse(value.contains(EXPIRY), column.getKey() + " holds the expiration date");
    }
    // The PaymentCompleted event recorded for the saga carries no card data either.
    String event = outboxPayload(paymentId);
    assertTrue(event.contains("\"event\":\"PaymentCompleted\""), event);
    assertFalse(event.contains(VISA) || event.contains(VISA_GROUPED), "card number in the event");
    assertFalse(event.contains(EXPIRY), "expiration date in the event");
  }

  /** The payload of the PaymentCompleted outbox row of this payment. */
  private static String outboxPayload(long paymentId) throws SQLException {
    try (Connection c = database();
        PreparedStatement statement =
            c.prepareStatement(
                "select payload from outbox_messages where event_type = 'PaymentCompleted'"
                    + " and payload like ?")) {
      statement.setString(1, "%\"payment_id\":" + paymentId + ",%");
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next(), "no PaymentCompleted event for payment " + paymentId);
        return rows.getString(1);
      }
    }
  }

  /** Well-formed JSON with card details that fail the format checks: 400, payment stays unpaid. */
  static Stream<Arguments> invalidCards() {
    return Stream.of(
        Arguments.of(cardBody("411111111117", CARD_CODE, "12/40"), "13 to 19 digits"),
        Arguments.of(cardBody("4111-1111-1111-1111", CARD_CODE, "12/40"), "13 to 19 digits"),
        Arguments.of(cardBody("' OR 1=1 --", CARD_CODE, "12/40"), "13 to 19 digits"),
        Arguments.of(cardBody("<script>alert(1)</script>", CARD_CODE, "12/40"), "13 to 19"),
        Arguments.of(cardBody("4".repeat(100_000), CARD_CODE, "12/40"), "13 to 19 digits"),
        Arguments.of(cardBody(VISA, "12", "12/40"), "cardCode: must be 3 or 4 digits"),
        Arguments.of(cardBody(VISA, "12345", "12/40"), "cardCode: must be 3 or 4 digits"),
        Arguments.of(cardBody(VISA, CARD_CODE, "1/40"), "must be MM/YY, MM/YYYY or YYYY-MM-DD"),
        Arguments.of(cardBody(VISA, CARD_CODE, "2040-13-01"), "month must be 01 to 12"),
        Arguments.of(cardBody(VISA, CARD_CODE, "2040-02-30"), "day must exist in that month"),
        Arguments.of(cardBody(VISA, CARD_CODE, "13/40"), "month must be 01 to 12"),
        Arguments.of(cardBody(VISA, CARD_CODE, "00/2040"), "month must be 01 to 12"),
        Arguments.of(
            "{\"cardCode\":\"123\",\"expirationDate\":\"12/40\"}", "cardNumber: is required"),
        Arguments.of(
            "{\"cardNumber\":null,\"cardCode\":null,\"expirationDate\":null}",
            "cardNumber: is required; cardCode: is required; expirationDate: is required"),
        // snake_case names are not the card endpoint's contract (it keeps the reference's names).
        Arguments.of(
            "{\"card_number\":\""
                + VISA
                + "\",\"card_code\":\"123\",\"expiration_date\":\"12/40\"}",
            "cardNumber: is required"),
        Arguments.of("{\"cardNumber\":\"" + VISA + "\",\"cardCode\":true}", "cardCode"),
        Arguments.of("null", "request body: must not be null"));
  }

  @ParameterizedTest
  @MethodSource("invalidCards")
  void invalidCardDetailsAreRejected(String body, String expectedError) {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(paymentId, body)
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", containsString(expectedError))
        .body("error", not(containsString(VISA)))
        .body("error", not(containsString("4111")))
        .body("error", not(containsString(CARD_CODE)));
    assertUnpaid(paymentId);
  }

  /**
   * Malformed JSON around card digits: the answer is a fixed message (the parser's own message
   * could quote part of the input), so it contains no digit at all.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"cardNumber\":\"4111111111111111\",\"cardCode\":\"7391\"",
        "{\"cardNumber\":\"4111111111111111\" \"cardCode\":\"7391\"}",
        "{\"cardNumber\":04111111111111111,\"cardCode\":\"7391\"}",
        "{\"cardNumber\":4111111111111111x,\"cardCode\":\"7391\"}",
        "[\"4111111111111111\",\"7391\"]",
        "\"4111111111111111\"",
        "4111111111111111 7391",
        ""
      })
  void malformedCardBodiesGetAFixedMessage(String body) {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(paymentId, body)
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", startsWith("Request body must be a JSON object"))
        .body("error", not(matchesPattern("(?s).*[0-9].*")));
    assertUnpaid(paymentId);
  }

  /** A card number that is neither a string nor a number: named, never repeated. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"cardNumber\":[\"4111111111111111\"],\"cardCode\":\"7391\",\"expirationDate\":\"12/30\"}",
        "{\"cardNumber\":{\"n\":\"4111111111111111\"},\"cardCode\":\"7391\",\"expirationDate\":\"12/30\"}"
      })
  void aCardNumberOfTheWrongJsonTypeIsNamedNotRepeated(String body) {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(paymentId, body)
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", equalTo("cardNumber: must be a string or a whole number"));
    assertUnpaid(paymentId);
  }

  /** The course's Postman body: digits as JSON numbers, the expiry as a date, no Luhn checksum. */
  @Test
  void theCoursesCardBodyIsAcceptedAndPays() throws SQLException {
    long paymentId = createPayment(newOrderId(), "12.00");
    String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(3).toString(); // YYYY-MM-DD
    process(
            paymentId,
            "{\"cardNumber\": 9999999999999, \"cardCode\": 123, \"expirationDate\": \""
                + expiry
                + "\"}")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("is_paid", equalTo(true));
    assertEquals("1", row(paymentId).get("is_paid"));
  }

  /** A card number that fails the Luhn checksum is accepted (payment.card.luhn-check=false). */
  @Test
  void theLuhnChecksumIsOffByDefault() {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(paymentId, cardBody("4111111111111112", CARD_CODE, EXPIRY))
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true));
  }

  /** Numbers must be whole: 1.5 or 1e3 are no card digits (400, and nothing is paid). */
  @ParameterizedTest
  @ValueSource(strings = {"1.5", "1e3", "-123"})
  void aCardCodeThatIsNotAWholeNumberIsRejected(String code) {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(
            paymentId,
            "{\"cardNumber\": 9999999999999, \"cardCode\": "
                + code
                + ", \"expirationDate\": \"12/40\"}")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", startsWith("cardCode: must be a whole, non-negative number"))
        .body("error", not(containsString("9999")));
    assertUnpaid(paymentId);
  }

  @Test
  void expiredCardIsUnprocessable() {
    long paymentId = createPayment(newOrderId(), "10.00");
    String lastMonth =
        YearMonth.now(ZoneOffset.UTC).minusMonths(1).format(DateTimeFormatter.ofPattern("MM/yy"));
    process(paymentId, cardBody(VISA, CARD_CODE, lastMonth))
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body("error", equalTo("The card has expired"));
    assertUnpaid(paymentId);
  }

  @Test
  void cardExpiringThisMonthIsAccepted() {
    long paymentId = createPayment(newOrderId(), "10.00");
    String thisMonth = YearMonth.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MM/yyyy"));
    process(paymentId, cardBody(VISA, CARD_CODE, thisMonth)).then().statusCode(200);
  }

  @Test
  void processingWithTheWrongContentTypeIsUnsupported() {
    long paymentId = createPayment(newOrderId(), "10.00");
    given()
        .contentType(ContentType.TEXT)
        .body(cardBody(VISA, CARD_CODE, EXPIRY))
        .post("/payments/process/" + paymentId)
        .then()
        .statusCode(415)
        .contentType(ContentType.JSON)
        .body("error", containsString("application/json"));
    assertUnpaid(paymentId);
  }

  @Test
  void oversizedCardBodyIsRefused() {
    long paymentId = createPayment(newOrderId(), "10.00");
    process(paymentId, cardBody("4".repeat(1_100_000), CARD_CODE, EXPIRY))
        .then()
        .statusCode(413)
        .contentType(ContentType.JSON)
        .body("error", equalTo("Request body exceeds the limit of 1 MiB"));
    assertUnpaid(paymentId);
  }

  // --- concurrency helper -----------------------------------------------------------------------

  /**
   * Sends {@code count} requests at the same moment (they all wait on one latch) and returns their
   * status codes, sorted.
   */
  private static List<Integer> inParallel(int count, Callable<Response> request) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (Response answer : answersInParallel(count, request)) {
      statuses.add(answer.statusCode());
    }
    statuses.sort(null);
    return statuses;
  }

  /** Sends {@code count} requests at the same moment and returns their answers. */
  private static List<Response> answersInParallel(int count, Callable<Response> request)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.call();
                }));
      }
      start.countDown();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> result : results) {
        answers.add(result.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
