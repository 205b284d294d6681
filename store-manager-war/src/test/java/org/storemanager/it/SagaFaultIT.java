package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.storemanager.it.Stack.eventually;
import static org.storemanager.it.Stack.queryLong;
import static org.storemanager.it.Stack.queryLongIn;
import static org.storemanager.it.Stack.store;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into the real stack ({@code ./stack stop|start|kill}): whatever fails, no order
 * is lost, and once everything is back every saga ends with stock, order and payment agreeing. Each
 * test restores the stack in a finally block.
 */
class SagaFaultIT {

  /** Generous: a restarted broker or server plus the relay's backoff (at most 30 s). */
  private static final Duration RECOVERY = Duration.ofSeconds(120);

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  /** Runs {@code ./stack <args>} and fails the test if it does not succeed within 3 minutes. */
  static void stack(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("stack.root", "../"), "stack").getCanonicalPath());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./stack " + String.join(" ", args) + " did not finish");
    }
    assertEquals(0, process.exitValue(), "./stack " + String.join(" ", args));
  }

  /** Waits until the order's saga shows {@code state} (e.g. stuck while a service is down). */
  private static void awaitState(long order, String state) {
    eventually(
        RECOVERY,
        "order " + order + " in " + state,
        () -> state.equals(store().get("/orders/" + order).path("saga_state")));
  }

  private static long unsentEvents(long order) {
    return queryLong(
        "select count(*) from outbox_messages where aggregate_id = ? and sent_at is null", order);
  }

  /**
   * After recovery: the order completed, its units taken once, exactly one payment for it, and none
   * of its events left unsent.
   */
  private static void assertCompletedConsistently(long order, long product, long stockLeft) {
    var outcome = Fixtures.awaitOutcome(order, RECOVERY);
    assertEquals("COMPLETED", outcome.getString("saga_state"), "order " + order);
    if (stockLeft >= 0) { // -1: checked by the caller, for all its orders at once
      assertEquals(
          stockLeft, queryLong("select quantity from stocks where product_id = ?", product));
    }
    assertEquals(
        1L, queryLongIn("payment", "select count(*) from payments where order_id = ?", order));
    // Marked sent in bulk, within a second or so of their publication (OutboxRelay).
    eventually(
        RECOVERY, "every event of order " + order + " marked sent", () -> unsentEvents(order) == 0);
  }

  @Test
  void ordersPlacedWhileKafkaIsDownCompleteWhenItReturns() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 10);
    List<Long> orders = new ArrayList<>();
    stack("stop", "kafka");
    try {
      for (int i = 0; i < 3; i++) {
        orders.add(fixtures.placeOrder(user, product, 1)); // 201 although the broker is down
      }
      for (long order : orders) {
        assertEquals(1L, unsentEvents(order), "OrderCreated waits in the outbox");
        assertEquals("CREATING_ORDER", store().get("/orders/" + order).path("saga_state"));
      }
    } finally {
      stack("start", "kafka");
    }
    for (int i = 0; i < orders.size(); i++) {
      assertCompletedConsistently(orders.get(i), product, 7);
    }
  }

  @Test
  void aCrashRightAfterTheCommitLosesNothing() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 10);
    long order;
    // With the broker stopped the relay cannot publish: the order is committed, its OrderCreated
    // is still in the outbox when the Store Manager is killed (kill -9).
    stack("stop", "kafka");
    try {
      order = fixtures.placeOrder(user, product, 4);
      assertEquals(1L, unsentEvents(order));
      stack("kill", "store-manager");
    } finally {
      stack("start", "kafka");
      stack("start", "store-manager");
    }
    assertCompletedConsistently(order, product, 6);
  }

  /**
   * One outage of the payment service, three sagas caught by it (a restart of the service costs
   * half a minute, so the three cases share one): an order compensated by a {@code
   * PaymentCreationFailed} without an error, one that passes the saga deadline, and one that waits
   * and completes once the service is back. Each case has its own user, product and order, and is
   * checked on its own while the service is down and again once it is back.
   */
  @Test
  void aPaymentServiceOutage() throws Exception {
    Caught waiting;
    Caught pastDeadline;
    Caught failedWithoutError;
    stack("stop", "payment");
    try {
      failedWithoutError = aCompensationWithoutAnErrorStillEndsCancelled();
      pastDeadline = anOrderStuckPastTheDeadlineIsCompensatedOnce();
      // Last, so that it is far from the saga deadline (120 s) when the service is back.
      waiting = sagasWaitForThePaymentService();
    } finally {
      stack("start", "payment");
    }
    completesWhenThePaymentServiceIsBack(waiting);
    itsPaymentIsVoidedWhenThePaymentServiceIsBack(pastDeadline);
    canBeDeletedWhenThePaymentServiceIsBack(failedWithoutError);
  }

  /** While the payment service is down: the order waits at CREATING_PAYMENT, its stock taken. */
  private Caught sagasWaitForThePaymentService() {
    long product = fixtures.product("2.00", 10);
    long order = fixtures.placeOrder(fixtures.user(), product, 2);
    awaitState(order, "CREATING_PAYMENT");
    assertEquals(8L, stockOf(product));
    store()
        .delete("/orders/" + order)
        .then()
        .statusCode(409)
        .body("error", org.hamcrest.Matchers.containsString("still being processed"));
    return new Caught(order, product);
  }

  private void completesWhenThePaymentServiceIsBack(Caught caught) {
    assertCompletedConsistently(caught.order(), caught.product(), 8);
  }

  /** While the payment service is down: past the deadline, compensated and CANCELLED. */
  private Caught anOrderStuckPastTheDeadlineIsCompensatedOnce() {
    long product = fixtures.product("2.00", 10);
    long order = fixtures.placeOrder(fixtures.user(), product, 3);
    awaitState(order, "CREATING_PAYMENT");
    assertEquals(7L, stockOf(product));
    eventually(
        Duration.ofSeconds(30),
        "order " + order + "'s events marked sent",
        () -> unsentEvents(order) == 0L);
    // Its last move "10 minutes ago": past the deadline (120 s) for every instance's timer (the
    // deadline counts from the last state change, and its StockDecreased reached Kafka then too).
    Stack.update(
        "update orders set state_changed_at = state_changed_at - interval 10 minute where id = ?",
        order);
    Stack.update(
        "update outbox_messages set sent_at = sent_at - interval 10 minute where aggregate_id = ?",
        order);
    var outcome = Fixtures.awaitOutcome(order, Duration.ofSeconds(60));
    assertEquals("CANCELLED", outcome.getString("saga_state"));
    assertEquals(
        "Saga deadline of 120 s passed at step CREATING_PAYMENT", outcome.getString("error"));
    assertEquals(10L, stockOf(product));
    return new Caught(order, product);
  }

  /**
   * Once the payment service is back it creates the payment from the StockDecreased it missed, then
   * voids it on the deadline's OrderCancelled; the store never takes the order back.
   */
  private void itsPaymentIsVoidedWhenThePaymentServiceIsBack(Caught caught) {
    long order = caught.order();
    eventually(
        RECOVERY,
        "payment of order " + order + " voided",
        () ->
            queryLongIn(
                    "payment",
                    "select count(*) from payments where order_id = ? and voided_at is not null",
                    order)
                == 1L);
    assertEquals(0L, unsentEvents(order));
    assertEquals("CANCELLED", store().get("/orders/" + order).path("saga_state"));
    assertEquals(0L, queryLong("select is_paid from orders where id = ?", order));
    assertEquals(10L, stockOf(caught.product()));
    Stack.assertPaymentRefusedAsVoided(
        queryLongIn("payment", "select id from payments where order_id = ?", order));
  }

  /**
   * While the payment service is down: a PaymentCreationFailed without "error" (every later event
   * of the compensation has none) still ends CANCELLED, the stock back, the user not counted; and
   * the units given back are the order's own, whatever quantities the event carries.
   */
  private Caught aCompensationWithoutAnErrorStillEndsCancelled() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("2.00", 10);
    long order = fixtures.placeOrder(user, product, 2);
    awaitState(order, "CREATING_PAYMENT");
    String stockDecreased =
        Stack.queryString(
            "select payload from outbox_messages where aggregate_id = ? and event_type = ?",
            order,
            "StockDecreased");
    KafkaTopics.publish(
        Long.toString(order),
        stockDecreased
            .replaceFirst("\"event\":\"StockDecreased\"", "\"event\":\"PaymentCreationFailed\"")
            // Its lines say 7 units: the compensation gives back the order's own 2, never the
            // event's copy of them.
            .replaceFirst("\"quantity\":2", "\"quantity\":7")
            .replaceFirst(
                "\"event_id\":\"[^\"]+\"", "\"event_id\":\"" + java.util.UUID.randomUUID() + "\""));
    var outcome = Fixtures.awaitOutcome(order, Duration.ofSeconds(60));
    assertEquals("CANCELLED", outcome.getString("saga_state"), "the path decides, not the event");
    assertEquals("Payment creation failed", outcome.getString("error"));
    assertEquals(10L, stockOf(product));
    assertEquals(
        null, Stack.redis().zscore("report:highest-spenders", Long.toString(user)), "not sold");
    return new Caught(order, product);
  }

  private void canBeDeletedWhenThePaymentServiceIsBack(Caught caught) {
    store().delete("/orders/" + caught.order()).then().statusCode(204);
    assertEquals(10L, stockOf(caught.product()));
  }

  private static long stockOf(long product) {
    return queryLong("select quantity from stocks where product_id = ?", product);
  }

  /** A saga caught by the outage: its order and the product it took. */
  private record Caught(long order, long product) {}

  @Test
  void aMariaDbRestartUnderLoadLosesNoAcceptedOrder() throws Exception {
    long user = fixtures.user();
    long product = fixtures.product("1.00", 100);
    List<Long> accepted = new ArrayList<>();
    List<Integer> refusals = new ArrayList<>();
    // 40 orders, one every 250 ms; the database is restarted (graceful stop, start) after 2 s.
    for (int i = 0; i < 40; i++) {
      if (i == 8) {
        stack("stop", "mariadb");
      }
      if (i == 12) {
        stack("start", "mariadb");
      }
      var answer = store().body(Fixtures.orderBody(user, product, 1)).post("/orders");
      if (answer.statusCode() == 201) {
        long order = answer.jsonPath().getLong("order_id");
        fixtures.track("/orders/" + order);
        accepted.add(order);
      } else {
        refusals.add(answer.statusCode());
      }
      Thread.sleep(250); // the load's pace, not a wait for an outcome
    }
    // While the database is down a request is refused as unavailable, never as a server error.
    assertEquals(List.of(), refusals.stream().filter(s -> s != 503).toList(), "refusals");
    for (long order : accepted) {
      assertCompletedConsistently(order, product, -1);
    }
    assertEquals(
        100L - accepted.size(),
        queryLong("select quantity from stocks where product_id = ?", product));
  }
}
