package org.storemanager.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.eventually;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.queryLongIn;
import static org.storemanager.it.Stack.queryString;
import static org.storemanager.it.Stack.store;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The choreographed order saga through both services and the real broker: happy path, compensation
 * after a payment failure, payment, redelivery, and unreadable records.
 */
class SagaIT {

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void happyPathCreatesThePaymentAndCompletes() {
    long user = fixtures.user();
    long product = fixtures.product("12.50", 10);
    long order = fixtures.placeOrder(user, product, 2);

    var outcome = Fixtures.awaitOutcome(order);

    assertEquals("COMPLETED", outcome.getString("saga_state"));
    assertNull(outcome.getString("error"));
    long paymentId = outcome.getLong("payment_id");
    assertTrue(
        outcome
            .getString("payment_link")
            .matches(
                "https?://.+/payments-api/payments/process/" + paymentId + "\\?key=[\\w-]{43}"));
    assertEquals(8L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals(
        2500L,
        queryLongIn(
            "payment",
            "select total_amount * 100 from payments where id = ? and order_id = ?",
            paymentId,
            order));
    // Every step went through the outbox, in order, and was published (marked sent in bulk,
    // within a second or so: OutboxRelay).
    eventually(
        Duration.ofSeconds(30),
        "the 3 outbox rows of order " + order + " marked sent",
        () ->
            queryLong(
                    "select count(*) from outbox_messages where aggregate_id = ?"
                        + " and sent_at is not null",
                    order)
                == 3L);
  }

  /**
   * The Store Manager's follow-ups (ADR 0006): StockDecreased and SagaCompleted are handled in the
   * transaction of the step that published them. They are still on the topic, for the payment
   * service and anyone else, marked {@code handled-by: store-manager}; the Store Manager's inbox
   * has each event of the order once, with the state it left; and the copies that come back from
   * the topic are skipped as handled, not handled again (no inbox duplicate counted).
   */
  @Test
  void theStoreManagersFollowUpsAreHandledInTheStepThatPublishedThem() {
    double duplicates =
        MetricsIT.value(Stack.STORE_URL, "saga_inbox_duplicates_total", "StockDecreased")
            + MetricsIT.value(Stack.STORE_URL, "saga_inbox_duplicates_total", "SagaCompleted");
    long since = System.currentTimeMillis() - 5_000; // the broker's clock is this machine's
    long user = fixtures.user();
    long product = fixtures.product("4.00", 3);
    long order = fixtures.placeOrder(user, product, 1);
    assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));

    assertEquals(
        List.of(
            "OrderCreated handled-by=-",
            "StockDecreased handled-by=store-manager",
            "PaymentCreated handled-by=-",
            "SagaCompleted handled-by=store-manager"),
        KafkaTopics.sagaRecordsOf(order, since, 4, Duration.ofSeconds(30)));
    // by type: on MariaDB the times are whole seconds (the driver sees "5.5.5-10.11"), no order
    Map<String, String> inbox = new java.util.TreeMap<>();
    try (Connection c = Stack.db();
        PreparedStatement s =
            c.prepareStatement(
                "select event_type, state_after from processed_events where order_id = ?")) {
      s.setLong(1, order);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          assertNull(inbox.put(rows.getString(1), rows.getString(2)), "one record per event");
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(
        Map.of(
            "OrderCreated", "DECREASING_STOCK",
            "StockDecreased", "CREATING_PAYMENT",
            "PaymentCreated", "COMPLETING_ORDER_SAGA",
            "SagaCompleted", "COMPLETED"),
        inbox);
    assertEquals(
        2L,
        queryLong(
            "select count(*) from outbox_messages where aggregate_id = ? and handled_by_publisher",
            order));
    assertEquals(
        duplicates,
        MetricsIT.value(Stack.STORE_URL, "saga_inbox_duplicates_total", "StockDecreased")
            + MetricsIT.value(Stack.STORE_URL, "saga_inbox_duplicates_total", "SagaCompleted"),
        "the copies coming back from the topic were skipped, not delivered again");
  }

  @Test
  void aPaymentFailureGivesTheStockBackAndCancels() {
    long user = fixtures.user();
    long product = fixtures.product("60000.00", 5);
    long order = fixtures.placeOrder(user, product, 2); // 120000.00 > payment.max-amount

    var outcome = Fixtures.awaitOutcome(order);

    assertEquals("CANCELLED", outcome.getString("saga_state"));
    assertTrue(outcome.getString("error").contains("exceeds the payment limit"));
    assertEquals(5L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals(
        0L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
    List<String> steps =
        List.of(
            "OrderCreated", "StockDecreased", "StockIncreased", "OrderCancelled", "SagaCompleted");
    for (String step : steps) {
      assertEquals(
          1L,
          queryLong(
              "select count(*) from outbox_messages where aggregate_id = ? and event_type = ?",
              order,
              step),
          step);
    }
  }

  @Test
  void processingThePaymentMarksTheOrderPaid() {
    long user = fixtures.user();
    long product = fixtures.product("3.00", 5);
    long order = fixtures.order(user, product, 1);
    var placed = store().get("/orders/" + order).then().extract().jsonPath();
    long paymentId = placed.getLong("payment_id");
    String link = placed.getString("payment_link");
    String expiry = YearMonth.now().plusYears(2).format(DateTimeFormatter.ofPattern("MM/yy"));

    // The customer pays with the link alone (its key is the capability), no token.
    assertTrue(
        link.contains("/payments-api/payments/process/" + paymentId + "?key="), "link: " + link);
    given()
        .baseUri(Stack.PAYMENT_URL)
        .contentType(ContentType.JSON)
        .queryParam("key", link.substring(link.indexOf("?key=") + "?key=".length()))
        .body(
            Map.of(
                "cardNumber", "4111 1111 1111 1111", "cardCode", "123", "expirationDate", expiry))
        .post("/payments/process/" + paymentId)
        .then()
        .statusCode(200)
        .body("is_paid", equalTo(true));

    eventually(
        Fixtures.SAGA_TIMEOUT,
        "order " + order + " paid",
        () -> store().get("/orders/" + order).then().extract().jsonPath().getBoolean("is_paid"));
    assertEquals(1L, queryLong("select is_paid from orders where id = ?", order));
    // Counted once in the reports: when the saga completed, not again when paid.
    assertEquals(300.0, Stack.redis().zscore("report:highest-spenders", Long.toString(user)));
    assertEquals(1.0, Stack.redis().zscore("report:best-sellers", Long.toString(product)));
  }

  @Test
  void aRedeliveredEventChangesNothing() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 10);
    long order = fixtures.order(user, product, 3);
    assertEquals(7L, queryLong("select quantity from stocks where product_id = ?", product));
    String orderCreated =
        queryString(
            "select payload from outbox_messages where aggregate_id = ? and event_type = 'OrderCreated'",
            order);
    long processed = queryLong("select count(*) from processed_events");

    // The same OrderCreated again, then an unreadable marker with the same key (same partition):
    // once both services have dead-lettered the marker, they have handled the duplicate before it.
    String key = Long.toString(order);
    String marker = Stack.unique("marker-after-duplicate-");
    KafkaTopics.publish(key, orderCreated);
    KafkaTopics.publish(key, marker);
    assertEquals(2, KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30)).size());

    assertEquals(7L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals(processed, queryLong("select count(*) from processed_events"));
    assertEquals(
        1L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndConsumersGoOn() throws Exception {
    String marker = Stack.unique("poison");
    KafkaTopics.publish(
        marker, "{\"event\":\"NoSuchEvent\",\"event_id\":\"" + marker + "\",\"order_id\":1}");

    List<String> consumers = KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30));

    assertEquals(List.of("payment", "store-manager"), consumers.stream().sorted().toList());
    long user = fixtures.user();
    long product = fixtures.product("1.00", 1);
    fixtures.order(user, product, 1); // still flowing
  }

  @Test
  void lateCopiesOfEarlierStepsDoNotReopenACompletedOrder() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 10);
    long order = fixtures.order(user, product, 2);
    Double spent = Stack.redis().zscore("report:highest-spenders", Long.toString(user));
    String sql = "select payload from outbox_messages where aggregate_id = ? and event_type = ?";
    List<String> copies =
        List.of(
            Stack.queryString(sql, order, "OrderCreated"),
            Stack.queryString(sql, order, "StockDecreased"),
            Stack.queryStringIn("payment", sql, order, "PaymentCreated"));

    // Same events with new ids (so the inbox does not recognise them), then a marker behind them.
    String key = Long.toString(order);
    for (String copy : copies) {
      KafkaTopics.publish(
          key,
          copy.replaceFirst(
              "\"event_id\":\"[^\"]+\"", "\"event_id\":\"" + java.util.UUID.randomUUID() + "\""));
    }
    String marker = Stack.unique("marker-after-late-copies-");
    KafkaTopics.publish(key, marker);
    assertEquals(2, KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30)).size());

    assertEquals("COMPLETED", store().get("/orders/" + order).path("saga_state"));
    assertEquals(8L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals(spent, Stack.redis().zscore("report:highest-spenders", Long.toString(user)));
    assertEquals(
        1L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
  }

  @Test
  void aCancelledOrderIsNeverCompletedNorPaidByLaterEvents() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("4.00", 1);
    long order = fixtures.placeOrder(user, product, 2); // short: cancelled
    assertEquals("CANCELLED", Fixtures.awaitOutcome(order).getString("saga_state"));
    String error = store().get("/orders/" + order).path("error");
    String sagaCompleted =
        Stack.queryString(
            "select payload from outbox_messages where aggregate_id = ? and event_type = ?",
            order,
            "SagaCompleted");

    // A SagaCompleted without error and a PaymentCompleted, both with new ids, then a marker.
    String key = Long.toString(order);
    String withoutError = sagaCompleted.replaceFirst(",?\"error\":\"[^\"]*\"", "");
    KafkaTopics.publish(key, withNewId(withoutError));
    KafkaTopics.publish(
        key,
        withNewId(
            withoutError.replaceFirst(
                "\"event\":\"SagaCompleted\"", "\"event\":\"PaymentCompleted\",\"is_paid\":true")));
    String marker = Stack.unique("marker-after-cancelled-");
    KafkaTopics.publish(key, marker);
    assertEquals(2, KafkaTopics.deadLettersFor(marker, 2, Duration.ofSeconds(30)).size());

    var after = store().get("/orders/" + order).then().extract().jsonPath();
    assertEquals("CANCELLED", after.getString("saga_state"));
    assertEquals(error, after.getString("error"));
    assertEquals(false, after.getBoolean("is_paid"));
    assertEquals(0L, queryLong("select is_paid from orders where id = ?", order));
    assertEquals(null, Stack.redis().zscore("report:highest-spenders", Long.toString(user)));
    store().delete("/orders/" + order).then().statusCode(204);
    assertEquals(1L, queryLong("select quantity from stocks where product_id = ?", product));
  }

  @Test
  void aPaymentMadeBeforehandForTheOrderIdWithAnotherAmountIsNeverAttached() {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 10);
    long previous = fixtures.order(user, product, 1);
    // Somebody created a payment (POST /payments) for the next order id, of another amount.
    long stray =
        Stack.staff(given())
            .baseUri(Stack.PAYMENT_URL)
            .contentType(ContentType.JSON)
            .body(Map.of("user_id", user, "order_id", previous + 1, "total_amount", "99.00"))
            .post("/payments")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("payment_id");
    long order = fixtures.placeOrder(user, product, 2);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        order == previous + 1, "another order took the id " + (previous + 1));

    var outcome = Fixtures.awaitOutcome(order);
    assertEquals("CANCELLED", outcome.getString("saga_state"));
    assertEquals(
        "Order " + order + " already has payment " + stray + " of another user or amount (99.00)",
        outcome.getString("error"));
    assertNull(outcome.get("payment_id"));
    assertEquals(9L, queryLong("select quantity from stocks where product_id = ?", product));
    eventually(
        Fixtures.SAGA_TIMEOUT,
        "the stray payment of the cancelled order voided",
        () ->
            queryLongIn(
                    "payment",
                    "select count(*) from payments where id = ? and voided_at is not null",
                    stray)
                == 1L);
  }

  /**
   * Records that waited in a lane share one transaction (SagaLane, ADR 0006): the product's stock
   * row is locked from here, so the lanes that receive its OrderCreated wait on it, and the orders
   * placed meanwhile pile up behind them. Once the lock is gone, every order completes, each unit
   * is taken once, Redis shows MySQL's level, and the Store Manager committed events several at a
   * time.
   */
  @Test
  void recordsThatWaitedInALaneShareOneTransaction() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 100);
    double sharedBefore = eventsBeyondTheFirstOfTheirTransaction();
    List<Long> orders = new ArrayList<>();
    try (Connection lock = Stack.db()) {
      lock.setAutoCommit(false);
      try (PreparedStatement select =
          lock.prepareStatement("select quantity from stocks where product_id = ? for update")) {
        select.setLong(1, product);
        select.executeQuery().close();
      }
      for (int i = 0; i < 18; i++) {
        orders.add(fixtures.placeOrder(user, product, 1));
      }
      eventually(
          Duration.ofSeconds(30),
          "orders waiting in the Store Manager's lanes behind the locked stock row",
          () -> MetricsIT.value(Stack.STORE_URL, "saga_lane_waiting", "") >= 6);
      lock.rollback();
    }
    for (long order : orders) {
      assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));
    }
    assertEquals(82L, queryLong("select quantity from stocks where product_id = ?", product));
    assertEquals("82", Stack.redis().hget("stock:" + product, "quantity"));
    assertEquals(
        18L,
        queryLong(
            "select count(distinct order_id) from processed_events where event_type = ?"
                + " and order_id in (select id from orders where user_id = ?)",
            "OrderCreated",
            user));
    assertTrue(
        eventsBeyondTheFirstOfTheirTransaction() > sharedBefore,
        "no inbox transaction held more than one event");
  }

  /**
   * Events committed with others, beyond the first of their transaction (the histogram's sum −
   * count).
   */
  private static double eventsBeyondTheFirstOfTheirTransaction() {
    return MetricsIT.value(Stack.STORE_URL, "saga_inbox_transaction_events_sum", "")
        - MetricsIT.value(Stack.STORE_URL, "saga_inbox_transaction_events_count", "");
  }

  private static String withNewId(String event) {
    return event.replaceFirst(
        "\"event_id\":\"[^\"]+\"", "\"event_id\":\"" + java.util.UUID.randomUUID() + "\"");
  }
}
