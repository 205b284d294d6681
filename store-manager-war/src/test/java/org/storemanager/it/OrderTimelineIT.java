package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.queryString;
import static org.storemanager.it.Stack.queryStringIn;
import static org.storemanager.it.Stack.store;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * {@code GET /orders/{id}/events} on the running stack: the timeline of a completed and of a
 * compensated order, merged from both services' outbox and inbox records in the saga's order, with
 * who published and who consumed each event and the order's state after; and the payment service's
 * share of it ({@code GET /payments/saga/orders/{orderId}/events}).
 */
class OrderTimelineIT {

  private static final String STORE = "store-manager";
  private static final String PAYMENT = "payment";

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void aCompletedOrdersTimelineShowsEveryStepInOrder() {
    long user = fixtures.user();
    long product = fixtures.product("12.50", 10);
    long order = fixtures.order(user, product, 2);

    JsonPath timeline =
        awaitTimeline(
            order, t -> settled(t, Map.of("SagaCompleted", STORE, "StockDecreased", PAYMENT)));

    assertEquals(order, timeline.getLong("order_id"));
    assertEquals("COMPLETED", timeline.getString("saga_state"));
    assertTrue(timeline.getBoolean("complete"));
    assertNull(timeline.get("missing"));
    assertNull(timeline.get("note"));
    assertTrue(timeline.getLong("retention_hours") > 0);
    List<Map<String, Object>> events = timeline.getList("events");
    assertEquals(
        List.of("OrderCreated", "StockDecreased", "PaymentCreated", "SagaCompleted"),
        types(events));
    assertEquals(List.of(STORE, STORE, PAYMENT, STORE), column(events, "published_by"));
    assertEquals(
        List.of(Set.of(STORE), Set.of(STORE, PAYMENT), Set.of(STORE), Set.of(STORE)),
        events.stream().map(OrderTimelineIT::consumers).toList());
    assertEquals(
        List.of("DECREASING_STOCK", "CREATING_PAYMENT", "COMPLETING_ORDER_SAGA", "COMPLETED"),
        events.stream().map(e -> stateAfter(e, STORE)).toList());
    assertNull(stateAfter(events.get(1), PAYMENT), "the payment service keeps no saga state");
    assertInTimeOrder(events);
    // The same ids as in the outboxes that published them.
    String sql = "select event_id from outbox_messages where aggregate_id = ? and event_type = ?";
    assertEquals(queryString(sql, order, "OrderCreated"), events.get(0).get("event_id"));
    assertEquals(
        queryStringIn("payment", sql, order, "PaymentCreated"), events.get(2).get("event_id"));
    // The inbox columns behind it.
    assertEquals(
        "COMPLETED",
        queryString(
            "select state_after from processed_events where order_id = ? and event_type = ?",
            order,
            "SagaCompleted"));
  }

  @Test
  void aCompensatedOrdersTimelineShowsTheCompensation() {
    long user = fixtures.user();
    long product = fixtures.product("60000.00", 5);
    long order = fixtures.placeOrder(user, product, 2); // 120000.00 > payment.max-amount
    assertEquals("CANCELLED", Fixtures.awaitOutcome(order).getString("saga_state"));

    JsonPath timeline =
        awaitTimeline(
            order, t -> settled(t, Map.of("SagaCompleted", STORE, "OrderCancelled", PAYMENT)));

    assertEquals("CANCELLED", timeline.getString("saga_state"));
    assertTrue(timeline.getBoolean("complete"));
    List<Map<String, Object>> events = timeline.getList("events");
    assertEquals(
        List.of(
            "OrderCreated",
            "StockDecreased",
            "PaymentCreationFailed",
            "StockIncreased",
            "OrderCancelled",
            "SagaCompleted"),
        types(events));
    assertEquals(
        List.of(STORE, STORE, PAYMENT, STORE, STORE, STORE), column(events, "published_by"));
    assertEquals(
        List.of(
            "DECREASING_STOCK",
            "CREATING_PAYMENT",
            "INCREASING_STOCK",
            "CANCELLING_ORDER",
            "COMPLETING_ORDER_SAGA",
            "CANCELLED"),
        events.stream().map(e -> stateAfter(e, STORE)).toList());
    assertEquals(Set.of(STORE, PAYMENT), consumers(events.get(1)), "StockDecreased");
    assertEquals(Set.of(STORE, PAYMENT), consumers(events.get(4)), "OrderCancelled");
    assertInTimeOrder(events);
  }

  @Test
  void thePaymentServiceAnswersItsShareOfTheTimeline() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 5);
    long order = fixtures.order(user, product, 1);
    awaitTimeline(order, t -> settled(t, Map.of("StockDecreased", PAYMENT)));

    JsonPath log =
        Stack.staff(given())
            .baseUri(Stack.PAYMENT_URL)
            .accept(ContentType.JSON)
            .get("/payments/saga/orders/" + order + "/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertEquals(order, log.getLong("order_id"));
    assertEquals(PAYMENT, log.getString("service"));
    assertEquals(List.of("PaymentCreated"), log.getList("published.event"));
    assertEquals(List.of("StockDecreased"), log.getList("processed.event"));
    assertEquals(
        queryString(
            "select event_id from outbox_messages where aggregate_id = ? and event_type = ?",
            order,
            "StockDecreased"),
        log.getString("processed[0].event_id"));
  }

  @Test
  void aClerkMayNotReadTheTimeline() {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 5);
    long order = fixtures.order(user, product, 1);

    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.CLERK))
        .get("/orders/" + order + "/events")
        .then()
        .statusCode(403)
        .body("error", org.hamcrest.Matchers.notNullValue());
    given()
        .baseUri(Stack.PAYMENT_URL)
        .header("Authorization", DevTokens.bearer(Roles.CLERK))
        .get("/payments/saga/orders/" + order + "/events")
        .then()
        .statusCode(403);
  }

  @Test
  void anUnknownOrderIs404() {
    long unknown = Stack.queryLong("select coalesce(max(id), 0) + 1000000 from orders");

    store()
        .get("/orders/" + unknown + "/events")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", containsString("does not exist"));
  }

  @Test
  void withoutATokenItIs401AndASupplierGets403() {
    given()
        .baseUri(Stack.STORE_URL)
        .get("/orders/1/events")
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON)
        .body("error", notNullValue());
    given()
        .baseUri(Stack.STORE_URL)
        .header("Authorization", DevTokens.bearer(Roles.SUPPLIER))
        .get("/orders/1/events")
        .then()
        .statusCode(403)
        .body("error", notNullValue());
    given()
        .baseUri(Stack.PAYMENT_URL)
        .get("/payments/saga/orders/1/events")
        .then()
        .statusCode(401)
        .body("error", notNullValue());
  }

  /** Polls the timeline until {@code done} holds (the saga's last records arrive after it ends). */
  static JsonPath awaitTimeline(long order, Predicate<JsonPath> done) {
    JsonPath[] timeline = new JsonPath[1];
    Stack.eventually(
        Fixtures.SAGA_TIMEOUT,
        "timeline of order " + order,
        () -> {
          timeline[0] =
              store()
                  .get("/orders/" + order + "/events")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath();
          return done.test(timeline[0]);
        });
    return timeline[0];
  }

  /**
   * Both logs read, every event sent to Kafka (the relay marks a row sent after the broker's
   * acknowledgement, which a consumer may beat), and each event consumed by the given service.
   */
  static boolean settled(JsonPath timeline, Map<String, String> consumedBy) {
    if (!timeline.getBoolean("complete")) {
      return false;
    }
    List<Map<String, Object>> events = timeline.getList("events");
    return events.stream().allMatch(e -> e.get("sent_at") != null)
        && consumedBy.entrySet().stream()
            .allMatch(
                wanted ->
                    events.stream()
                        .anyMatch(
                            e ->
                                wanted.getKey().equals(e.get("event"))
                                    && consumers(e).contains(wanted.getValue())));
  }

  private static List<String> types(List<Map<String, Object>> events) {
    return column(events, "event");
  }

  private static List<String> column(List<Map<String, Object>> events, String field) {
    return events.stream().map(e -> (String) e.get(field)).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> consumptions(Map<String, Object> event) {
    return (List<Map<String, Object>>) event.get("consumed_by");
  }

  private static Set<String> consumers(Map<String, Object> event) {
    return consumptions(event).stream()
        .map(c -> (String) c.get("service"))
        .collect(Collectors.toSet());
  }

  private static String stateAfter(Map<String, Object> event, String service) {
    Map<String, Object> consumption =
        consumptions(event).stream()
            .filter(c -> service.equals(c.get("service")))
            .findFirst()
            .orElse(null);
    return consumption == null
        ? "(not consumed by " + service + ")"
        : (String) consumption.get("state_after"); // null where the service keeps no state
  }

  private static void assertInTimeOrder(List<Map<String, Object>> events) {
    Instant previous = Instant.MIN;
    for (Map<String, Object> event : events) {
      Instant at = Instant.parse((String) event.get("at"));
      assertFalse(at.isBefore(previous), event.get("event") + " before the event it follows");
      previous = at;
      for (Map<String, Object> consumption : consumptions(event)) {
        assertFalse(
            Instant.parse((String) consumption.get("at")).isBefore(at),
            event.get("event") + " consumed before it was published");
      }
    }
  }
}
