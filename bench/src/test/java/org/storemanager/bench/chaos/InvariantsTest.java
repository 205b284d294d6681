package org.storemanager.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.storemanager.bench.chaos.Facts.DuplicatePost;
import org.storemanager.bench.chaos.Facts.FaultWindow;
import org.storemanager.bench.chaos.Facts.HttpAnswer;
import org.storemanager.bench.chaos.Facts.ItemRow;
import org.storemanager.bench.chaos.Facts.OrderReading;
import org.storemanager.bench.chaos.Facts.OrderRow;
import org.storemanager.bench.chaos.Facts.OutboxRow;
import org.storemanager.bench.chaos.Facts.PaymentRow;
import org.storemanager.bench.chaos.Facts.ReportEntry;
import org.storemanager.bench.chaos.Facts.ReportReading;
import org.storemanager.bench.chaos.Facts.Resent;
import org.storemanager.bench.chaos.Facts.StockReading;

/**
 * The invariants on hand-made facts: a small run of three orders of user 7 on products 1 and 2 —
 * order 10 completed and paid, 11 completed and unpaid, 12 cancelled for stock — first as it should
 * be, then with one thing broken at a time.
 */
class InvariantsTest {

  static final long USER = 7;
  static final BigDecimal TEN = new BigDecimal("10.00");

  static OrderRow order(long id, String state, boolean paid, Long paymentId) {
    return new OrderRow(
        id, USER, state, TEN, paid, paymentId, paymentId == null ? null : link(paymentId));
  }

  static String link(long paymentId) {
    return "http://127.0.0.1:8080/payments-api/payments/process/" + paymentId + "?key=k";
  }

  static List<OrderRow> orders() {
    return List.of(
        order(10, "COMPLETED", true, 100L),
        order(11, "COMPLETED", false, 101L),
        order(12, "CANCELLED", false, null));
  }

  /** 10: 2 of product 1; 11: 1 of product 1 and 3 of product 2; 12: 5 of product 2. */
  static List<ItemRow> items() {
    return List.of(
        new ItemRow(10, 1, 2), new ItemRow(11, 1, 1), new ItemRow(11, 2, 3), new ItemRow(12, 2, 5));
  }

  static Map<Long, String> states() {
    return Map.of(10L, "COMPLETED", 11L, "COMPLETED", 12L, "CANCELLED");
  }

  static List<String> violations(Consumer<Findings> check) {
    Findings f = new Findings();
    check.accept(f);
    return f.violations();
  }

  static void assertOneViolation(String containing, List<String> violations) {
    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains(containing), violations.get(0));
  }

  @Nested
  class DeletedOrders {

    final BigDecimal amount = new BigDecimal("3.00");

    @Test
    void aVoidedOrRefundedPaymentOfADeletedOrderIsFine() {
      // paid=false: never paid, or paid and refunded (StateReader reads "paid and not refunded")
      List<PaymentRow> payments =
          List.of(
              new PaymentRow(1, 20, 7, amount, false, true),
              new PaymentRow(2, 21, 7, amount, false, true));
      assertEquals(
          List.of(),
          violations(f -> Invariants.deletedOrders(Set.of(20L, 21L), states(), payments, f)));
    }

    @Test
    void moneyKeptForADeletedOrderIsAViolation() {
      List<PaymentRow> payments = List.of(new PaymentRow(1, 20, 7, amount, true, true));
      assertOneViolation(
          "paid and was not refunded",
          violations(f -> Invariants.deletedOrders(Set.of(20L), states(), payments, f)));
    }

    @Test
    void aPaymentLeftPayableOrAnOrderLeftBehindIsAViolation() {
      List<PaymentRow> payments = List.of(new PaymentRow(1, 20, 7, amount, false, false));
      assertOneViolation(
          "is not voided",
          violations(f -> Invariants.deletedOrders(Set.of(20L), states(), payments, f)));
      assertOneViolation(
          "still in MySQL",
          violations(f -> Invariants.deletedOrders(Set.of(10L), states(), List.of(), f)));
    }
  }

  @Nested
  class OrdersEnded {

    final Map<Long, Long> accepted = Map.of(10L, 1_000L, 11L, 2_000L, 12L, 3_000L);
    final Map<Long, Long> finalAt = Map.of(10L, 5_000L, 11L, 6_000L, 12L, 4_000L);

    @Test
    void everyAcceptedOrderFinalInTimeHolds() {
      assertEquals(
          List.of(),
          violations(f -> Invariants.ordersEnded(accepted, finalAt, states(), 180_000, f)));
    }

    @Test
    void anOrderStillRunningIsNamed() {
      var states = Map.of(10L, "COMPLETED", 11L, "CREATING_PAYMENT", 12L, "CANCELLED");
      assertOneViolation(
          "order 11 still CREATING_PAYMENT",
          violations(
              f -> Invariants.ordersEnded(accepted, Map.of(10L, 5_000L), states, 180_000, f)));
    }

    @Test
    void anOrderThatEndedTooLateIsNamed() {
      var late = Map.of(10L, 5_000L, 11L, 200_000L, 12L, 4_000L);
      assertOneViolation(
          "order 11 ended COMPLETED only 198.0 s",
          violations(f -> Invariants.ordersEnded(accepted, late, states(), 180_000, f)));
    }

    @Test
    void anAcceptedOrderMissingFromMysqlIsNamed() {
      var states = Map.of(10L, "COMPLETED", 12L, "CANCELLED");
      assertOneViolation(
          "order 11 was accepted (201) but is not in MySQL",
          violations(f -> Invariants.ordersEnded(accepted, finalAt, states, 180_000, f)));
    }

    @Test
    void anOrderWhoseAnswerWasLostMustEndTooAndIsNoted() {
      var states = Map.of(10L, "COMPLETED", 11L, "COMPLETED", 12L, "CANCELLED", 13L, "COMPLETED");
      Findings f = new Findings();
      Invariants.ordersEnded(accepted, finalAt, states, 180_000, f);
      assertEquals(List.of(), f.violations());
      assertTrue(f.notes().get(0).contains("13"), f.notes().toString());

      var running =
          Map.of(10L, "COMPLETED", 11L, "COMPLETED", 12L, "CANCELLED", 13L, "CREATING_ORDER");
      assertOneViolation(
          "order 13 (placed, its answer lost) still CREATING_ORDER",
          violations(g -> Invariants.ordersEnded(accepted, finalAt, running, 180_000, g)));
    }
  }

  @Nested
  class Stock {

    // Product 1: 20 - (2 + 1) = 17; product 2: 8 - 3 = 5 (order 12 was cancelled: nothing taken).
    final Map<Long, Integer> before = Map.of(1L, 20, 2L, 8);

    @Test
    void beforeMinusCompletedIsAfter() {
      assertEquals(
          List.of(),
          violations(f -> Invariants.stock(before, Map.of(1L, 17, 2L, 5), items(), states(), f)));
    }

    @Test
    void unitsTakenByACancelledOrderAreAViolation() {
      // the cancelled order's 5 units were never given back
      assertOneViolation(
          "product 2: stock 0 after the run, expected 5",
          violations(f -> Invariants.stock(before, Map.of(1L, 17, 2L, 0), items(), states(), f)));
    }

    @Test
    void negativeStockIsAViolation() {
      List<String> v =
          violations(f -> Invariants.stock(before, Map.of(1L, 17, 2L, -1), items(), states(), f));
      assertTrue(v.stream().anyMatch(s -> s.contains("negative")), v.toString());
    }

    @Test
    void ordersNotFinalAreNamedWithTheDifference() {
      var states = Map.of(10L, "COMPLETED", 11L, "DECREASING_STOCK", 12L, "CANCELLED");
      List<String> v =
          violations(f -> Invariants.stock(before, Map.of(1L, 17, 2L, 5), items(), states, f));
      assertEquals(2, v.size(), v.toString());
      assertTrue(v.stream().allMatch(s -> s.endsWith("orders not final: 11")), v.toString());
    }
  }

  @Nested
  class Payments {

    List<PaymentRow> payments() {
      return List.of(
          new PaymentRow(100, 10, USER, TEN, true, false),
          new PaymentRow(101, 11, USER, TEN, false, false));
    }

    List<String> check(List<OrderRow> orders, List<PaymentRow> payments) {
      return violations(f -> Invariants.payments(orders, payments, Set.of(10L), Set.of(10L), f));
    }

    @Test
    void onePaymentPerCompletedOrderPaidWhenPaidHolds() {
      assertEquals(List.of(), check(orders(), payments()));
    }

    @Test
    void aCompletedOrderWithoutPaymentIsAViolation() {
      assertOneViolation(
          "order 11 (COMPLETED) has 0 payments", check(orders(), List.of(payments().get(0))));
    }

    @Test
    void aPaymentThatDoesNotMatchItsOrderIsAViolation() {
      var wrong =
          List.of(
              payments().get(0),
              new PaymentRow(101, 11, USER, new BigDecimal("9.99"), false, false));
      assertOneViolation("payment 101 (amount 9.99", check(orders(), wrong));
    }

    @Test
    void aPaidPaymentNotShownOnTheOrderIsAViolation() {
      var orders =
          List.of(
              order(10, "COMPLETED", false, 100L),
              order(11, "COMPLETED", false, 101L),
              order(12, "CANCELLED", false, null));
      assertOneViolation("PaymentCompleted not applied", check(orders, payments()));
    }

    @Test
    void aPaymentNobodyPaidIsAViolation() {
      var paid = List.of(payments().get(0), new PaymentRow(101, 11, USER, TEN, true, false));
      var orders =
          List.of(
              order(10, "COMPLETED", true, 100L),
              order(11, "COMPLETED", true, 101L),
              order(12, "CANCELLED", false, null));
      assertOneViolation("nobody paid it", check(orders, paid));
    }

    @Test
    void aPaidOrUnvoidedPaymentOfACancelledOrderIsAViolation() {
      var withCancelled = new ArrayList<>(payments());
      withCancelled.add(new PaymentRow(102, 12, USER, TEN, false, false));
      assertOneViolation(
          "payment 102 of cancelled order 12 is not voided", check(orders(), withCancelled));

      withCancelled.set(2, new PaymentRow(102, 12, USER, TEN, true, true));
      assertOneViolation(
          "payment 102 of cancelled order 12 is paid", check(orders(), withCancelled));

      withCancelled.set(2, new PaymentRow(102, 12, USER, TEN, false, true));
      assertEquals(List.of(), check(orders(), withCancelled));
    }

    @Test
    void withoutTheVoidedColumnTheCheckIsANote() {
      var withCancelled = new ArrayList<>(payments());
      withCancelled.add(new PaymentRow(102, 12, USER, TEN, false, null));
      Findings f = new Findings();
      Invariants.payments(orders(), withCancelled, Set.of(10L), Set.of(10L), f);
      assertEquals(List.of(), f.violations());
      assertTrue(f.notes().get(0).contains("voided_at does not exist"), f.notes().toString());
      assertTrue(f.notes().get(0).contains("102 (order 12)"), f.notes().toString());
    }
  }

  @Nested
  class SagaSteps {

    static List<OutboxRow> outbox() {
      List<OutboxRow> rows = new ArrayList<>();
      for (long order : List.of(10L, 11L)) {
        rows.add(store(order, "OrderCreated"));
        rows.add(store(order, "StockDecreased"));
        rows.add(payment(order, "PaymentCreated"));
        rows.add(store(order, "SagaCompleted"));
      }
      rows.add(payment(10, "PaymentCompleted"));
      rows.add(store(12, "OrderCreated"));
      rows.add(store(12, "StockDecreaseFailed"));
      rows.add(store(12, "OrderCancelled"));
      rows.add(store(12, "SagaCompleted"));
      return rows;
    }

    static OutboxRow store(long order, String type) {
      return new OutboxRow("store-manager", order, type, order + "-" + type, true);
    }

    static OutboxRow payment(long order, String type) {
      return new OutboxRow("payment", order, type, order + "-" + type, true);
    }

    static Set<String> storeInbox(List<OutboxRow> rows) {
      return Set.copyOf(rows.stream().map(OutboxRow::eventId).toList());
    }

    static Set<String> paymentInbox(List<OutboxRow> rows) {
      return Set.copyOf(
          rows.stream()
              .filter(r -> Invariants.PAYMENT_HANDLES.contains(r.eventType()))
              .map(OutboxRow::eventId)
              .toList());
    }

    List<String> check(List<OrderRow> orders, List<OutboxRow> rows) {
      return violations(
          f -> Invariants.sagaSteps(orders, rows, storeInbox(rows), paymentInbox(rows), f));
    }

    @Test
    void theDocumentedPathsOnceEachHold() {
      assertEquals(List.of(), check(orders(), outbox()));
    }

    @Test
    void theSagaDeadlinesPathsHold() {
      // Cancelled by the deadline while CREATING_PAYMENT (units given back, payment voided), and
      // while CREATING_ORDER (nothing recorded after OrderCreated).
      var orders =
          List.of(order(13, "CANCELLED", false, null), order(14, "CANCELLED", false, null));
      var rows =
          List.of(
              store(13, "OrderCreated"),
              store(13, "StockDecreased"),
              store(13, "OrderCancelled"),
              payment(13, "PaymentCreated"),
              store(14, "OrderCreated"));
      assertEquals(List.of(), check(orders, rows));
    }

    @Test
    void theCompensationPathHolds() {
      var orders = List.of(order(13, "CANCELLED", false, null));
      var rows =
          List.of(
              store(13, "OrderCreated"),
              store(13, "StockDecreased"),
              payment(13, "PaymentCreationFailed"),
              store(13, "StockIncreased"),
              store(13, "OrderCancelled"),
              store(13, "SagaCompleted"));
      assertEquals(List.of(), check(orders, rows));
    }

    @Test
    void aStepTakenTwiceIsAViolation() {
      // a StockDecreased that got past the payment service's inbox: a second payment event
      var rows = new ArrayList<>(outbox());
      rows.add(new OutboxRow("payment", 11, "PaymentCreated", "11-PaymentCreated-again", true));
      assertOneViolation("order 11: 2 x PaymentCreated in payment's outbox", check(orders(), rows));
    }

    @Test
    void aCompletedOrderOffTheHappyPathIsAViolation() {
      var rows =
          outbox().stream()
              .filter(r -> !(r.orderId() == 11 && r.eventType().equals("StockDecreased")))
              .toList();
      assertOneViolation("order 11 (COMPLETED) did not take the happy path", check(orders(), rows));
    }

    @Test
    void aCancelledOrderThatKeptItsUnitsIsAViolation() {
      var orders = List.of(order(13, "CANCELLED", false, null));
      var rows =
          List.of(
              store(13, "OrderCreated"),
              store(13, "StockDecreased"),
              payment(13, "PaymentCreationFailed"),
              store(13, "OrderCancelled"),
              store(13, "SagaCompleted"));
      assertOneViolation("order 13 (CANCELLED) took an impossible path", check(orders, rows));
    }

    @Test
    void aCancellationWithEventsOutsideTheContractIsOnlyANote() {
      var orders = List.of(order(13, "CANCELLED", false, null));
      var rows =
          List.of(
              store(13, "OrderCreated"),
              store(13, "SagaTimedOut"),
              store(13, "OrderCancelled"),
              store(13, "SagaCompleted"));
      Findings f = new Findings();
      Invariants.sagaSteps(orders, rows, storeInbox(rows), paymentInbox(rows), f);
      assertEquals(List.of(), f.violations());
      assertTrue(f.notes().get(0).contains("outside the contract"), f.notes().toString());
    }

    @Test
    void anUnsentOrUnhandledEventIsAViolation() {
      var rows = new ArrayList<>(outbox());
      rows.set(0, new OutboxRow("store-manager", 10, "OrderCreated", "10-OrderCreated", false));
      assertOneViolation("10-OrderCreated still unsent", check(orders(), rows));

      List<OutboxRow> all = outbox();
      Set<String> storeInbox = new java.util.HashSet<>(storeInbox(all));
      storeInbox.remove("11-PaymentCreated");
      Set<String> paymentInbox = new java.util.HashSet<>(paymentInbox(all));
      paymentInbox.remove("10-StockDecreased");
      List<String> v =
          violations(f -> Invariants.sagaSteps(orders(), all, storeInbox, paymentInbox, f));
      assertEquals(2, v.size(), v.toString());
      assertTrue(
          v.get(0).contains("10-StockDecreased never recorded by payment's inbox"), v.get(0));
      assertTrue(v.get(1).contains("11-PaymentCreated never recorded by store-manager"), v.get(1));
    }
  }

  @Nested
  class ReadModels {

    static List<OrderReading> readings() {
      return orders().stream()
          .map(
              o ->
                  new OrderReading(
                      o.id(),
                      200,
                      o.sagaState(),
                      o.paid(),
                      o.total(),
                      o.paymentId(),
                      o.paymentLink()))
          .toList();
    }

    static final Map<Long, Integer> STOCK = Map.of(1L, 17, 2L, 5);

    static List<StockReading> stocks() {
      return List.of(new StockReading(1, 200, 17, 17.0), new StockReading(2, 200, 5, 5.0));
    }

    /** Completed: 3 of product 1, 3 of product 2; user 7 spent 20.00 (2000 cents). */
    static ReportReading reports() {
      return new ReportReading(
          Map.of(1L, 3.0, 2L, 3.0),
          2000.0,
          Set.of(10L, 11L),
          List.of(
              new ReportEntry(99, new BigDecimal("500")),
              new ReportEntry(1, new BigDecimal("3")),
              new ReportEntry(2, new BigDecimal("3"))),
          List.of(new ReportEntry(USER, new BigDecimal("20.00"))),
          100);
    }

    List<String> check(
        List<OrderReading> readings, List<StockReading> stocks, ReportReading reports) {
      return violations(
          f -> Invariants.readModels(orders(), readings, STOCK, stocks, USER, items(), reports, f));
    }

    @Test
    void readModelsEqualToSqlHold() {
      assertEquals(List.of(), check(readings(), stocks(), reports()));
    }

    @Test
    void aStaleOrderIsAViolation() {
      var stale = new ArrayList<>(readings());
      stale.set(1, new OrderReading(11, 200, "CREATING_PAYMENT", false, TEN, null, null));
      assertOneViolation(
          "order 11: GET /orders/11 shows CREATING_PAYMENT", check(stale, stocks(), reports()));
    }

    @Test
    void aStaleStockIsAViolation() {
      var stale = List.of(new StockReading(1, 200, 17, 17.0), new StockReading(2, 200, 8, 8.0));
      List<String> v = check(readings(), stale, reports());
      assertEquals(2, v.size(), v.toString());
      assertTrue(v.get(0).contains("GET /stocks/2 shows 8, MySQL has 5"), v.get(0));
      assertTrue(v.get(1).contains("stock:by-quantity has 8"), v.get(1));
    }

    @Test
    void aReportThatMissedAnOrderIsAViolation() {
      // order 11 completed during a rebuild and was never counted
      var missed =
          new ReportReading(
              Map.of(1L, 2.0, 2L, 0.0),
              1000.0,
              Set.of(10L),
              List.of(new ReportEntry(1, new BigDecimal("2"))),
              List.of(new ReportEntry(USER, new BigDecimal("10.00"))),
              100);
      List<String> v = check(readings(), stocks(), missed);
      assertTrue(
          v.stream().anyMatch(s -> s.contains("report:best-sellers has 2 for product 1")),
          v.toString());
      assertTrue(
          v.stream().anyMatch(s -> s.contains("report:highest-spenders has 10.00")), v.toString());
      assertTrue(v.stream().anyMatch(s -> s.contains("lacks COMPLETED orders: 11")), v.toString());
      assertTrue(
          v.stream().anyMatch(s -> s.contains("best-sellers shows 2 for product 1")), v.toString());
      assertTrue(v.stream().anyMatch(s -> s.contains("leaves out product 2")), v.toString());
    }

    @Test
    void aMemberLeftOutOfAFullListOfHigherOnesIsFine() {
      List<ReportEntry> full = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        full.add(new ReportEntry(1000 + i, new BigDecimal("50")));
      }
      var crowded =
          new ReportReading(Map.of(1L, 3.0, 2L, 3.0), 2000.0, Set.of(10L, 11L), full, full, 100);
      assertEquals(List.of(), check(readings(), stocks(), crowded));
    }
  }

  @Nested
  class ServerErrors {

    final FaultWindow window = new FaultWindow(5_000, 6_000L, 20_000L, null);

    List<String> check(List<HttpAnswer> answers, FaultWindow w) {
      return violations(f -> Invariants.serverErrors(answers, w, 10_000, f));
    }

    @Test
    void errorsInsideTheWindowOrItsGraceAreExcused() {
      var answers =
          List.of(
              new HttpAnswer("POST /orders", "k1", 4_000, 5_500, 500), // in flight at the start
              new HttpAnswer("POST /orders", "k2", 12_000, 12_001, 0), // no answer, inside
              new HttpAnswer("GET /orders/{id}", "12", 29_000, 29_500, 502), // grace
              new HttpAnswer("GET /orders/{id}", "13", 40_000, 40_010, 200));
      assertEquals(List.of(), check(answers, window));
    }

    @Test
    void errorsOutsideAreGroupedByEndpointAndStatus() {
      var answers =
          List.of(
              new HttpAnswer("POST /orders", "k1", 1_000, 1_100, 500),
              new HttpAnswer("POST /orders", "k2", 2_000, 2_100, 500),
              new HttpAnswer("GET /orders/{id}", "12", 31_000, 31_500, 0));
      List<String> v = check(answers, window);
      assertEquals(2, v.size(), v.toString());
      assertTrue(
          v.get(0).startsWith("2 x HTTP 500 outside the fault window: POST /orders (k1, k2)"),
          v.get(0));
      assertTrue(
          v.get(1).startsWith("1 x no answer outside the fault window: GET /orders/{id} (12)"),
          v.get(1));
    }

    @Test
    void aComponentThatNeverCameBackExcusesEverythingAfterTheStart() {
      var never = new FaultWindow(5_000, 6_000L, null, "payment did not come back");
      var answers =
          List.of(new HttpAnswer("POST /payments/process/{id}", "10", 300_000, 300_001, 500));
      assertEquals(List.of(), check(answers, never));
    }
  }

  @Nested
  class Idempotency {

    @Test
    void theSameOrderTwiceHolds() {
      assertEquals(
          List.of(),
          violations(
              f ->
                  Invariants.idempotency(
                      List.of(
                          new DuplicatePost("a", 201, 10L, 201, 10L),
                          new DuplicatePost("b", 201, 11L, 200, 11L),
                          new DuplicatePost("c", 500, null, 201, 12L), // the first answer lost
                          new DuplicatePost("d", 201, 13L, 503, null)), // judged as a 5xx
                      f)));
    }

    @Test
    void twoOrdersForOneKeyAreAViolation() {
      assertOneViolation(
          "Idempotency-Key a: two orders (10 and 11)",
          violations(
              f -> Invariants.idempotency(List.of(new DuplicatePost("a", 201, 10L, 201, 11L)), f)));
    }

    @Test
    void aRefusedRetryIsAViolation() {
      assertOneViolation(
          "the retry of order 10 answered HTTP 409",
          violations(
              f ->
                  Invariants.idempotency(List.of(new DuplicatePost("a", 201, 10L, 409, null)), f)));
    }
  }

  @Nested
  class Redeliveries {

    final List<Resent> resent =
        List.of(
            new Resent("e1", "StockDecreased", 10, 3, 41),
            new Resent("e2", "OrderCreated", 11, 0, 7));

    @Test
    void copiesConsumedByBothGroupsHold() {
      var committed =
          Map.of("store-manager", Map.of(3, 42L, 0, 9L), "payment", Map.of(3, 50L, 0, 8L));
      assertEquals(List.of(), violations(f -> Invariants.redeliveries(resent, committed, f)));
    }

    @Test
    void aCopyAGroupHasNotPassedIsAViolation() {
      var committed = Map.of("store-manager", Map.of(3, 41L, 0, 9L), "payment", Map.of(3, 50L));
      List<String> v = violations(f -> Invariants.redeliveries(resent, committed, f));
      assertEquals(2, v.size(), v.toString());
      assertTrue(
          v.get(0).contains("e1") && v.get(0).contains("group store-manager (committed 41)"),
          v.get(0));
      assertTrue(
          v.get(1).contains("e2") && v.get(1).contains("group payment (committed null)"), v.get(1));
    }

    @Test
    void noCopyAtAllIsANote() {
      Findings f = new Findings();
      Invariants.redeliveries(List.of(), Map.of(), f);
      assertEquals(List.of(), f.violations());
      assertEquals(1, f.notes().size());
    }
  }
}
