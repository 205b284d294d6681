package org.storemanager.bench.chaos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * The invariants a run must leave true, as plain functions of what it observed ({@link Facts}).
 * Each check adds one line per violation, naming the ids, to a {@link Findings}. docs/chaos.md says
 * how each input is read.
 */
final class Invariants {

  static final String COMPLETED = "COMPLETED";
  static final String CANCELLED = "CANCELLED";
  static final String STORE = "store-manager";
  static final String PAYMENT = "payment";

  /** The event types of the contract (store-common's EventType); the Store Manager handles all. */
  static final Set<String> CONTRACT =
      Set.of(
          "OrderCreated",
          "OrderCreationFailed",
          "StockDecreased",
          "StockDecreaseFailed",
          "PaymentCreated",
          "PaymentCreationFailed",
          "StockIncreased",
          "OrderCancelled",
          "SagaCompleted",
          "PaymentCompleted",
          "OrderDeleted");

  /**
   * Contract types no service handles: the record of a refund (ADR 0016). Not expected in any
   * inbox.
   */
  static final Set<String> RECORDS_ONLY = Set.of("PaymentRefunded");

  /** The types the payment service handles. */
  static final Set<String> PAYMENT_HANDLES =
      Set.of("StockDecreased", "OrderCancelled", "OrderDeleted");

  /** The documented paths (docs/state-machine.md): event types per service's outbox. */
  record Path(String name, Set<String> store, Set<String> payment) {}

  static final Path HAPPY =
      new Path(
          "happy path",
          Set.of("OrderCreated", "StockDecreased", "SagaCompleted"),
          Set.of("PaymentCreated"));

  static final List<Path> CANCELLATIONS =
      List.of(
          new Path(
              "stock short",
              Set.of("OrderCreated", "StockDecreaseFailed", "OrderCancelled", "SagaCompleted"),
              Set.of()),
          new Path(
              "payment refused",
              Set.of(
                  "OrderCreated",
                  "StockDecreased",
                  "StockIncreased",
                  "OrderCancelled",
                  "SagaCompleted"),
              Set.of("PaymentCreationFailed")));

  private Invariants() {}

  static boolean isFinal(String state) {
    return COMPLETED.equals(state) || CANCELLED.equals(state);
  }

  /**
   * Every accepted order (an order id some 201 returned) ended COMPLETED or CANCELLED within {@code
   * limitMs} of its acceptance; orders that exist although no answer told the harness (answers lost
   * in the fault) must have ended too.
   *
   * @param acceptedAtMs order id to when its first 201 arrived
   * @param finalAtMs order id to when the harness first saw it final
   * @param states order id to its saga state in MySQL (every order of the run's user)
   */
  static void ordersEnded(
      Map<Long, Long> acceptedAtMs,
      Map<Long, Long> finalAtMs,
      Map<Long, String> states,
      long limitMs,
      Findings findings) {
    for (var accepted : new TreeMap<>(acceptedAtMs).entrySet()) {
      long id = accepted.getKey();
      String state = states.get(id);
      if (state == null) {
        findings.violation("order " + id + " was accepted (201) but is not in MySQL");
      } else if (!isFinal(state)) {
        findings.violation(
            "order "
                + id
                + " still "
                + state
                + " "
                + seconds(limitMs)
                + " s after it was accepted");
      } else {
        Long at = finalAtMs.get(id);
        if (at != null && at - accepted.getValue() > limitMs) {
          findings.violation(
              String.format(
                  Locale.ROOT,
                  "order %d ended %s only %.1f s after it was accepted (limit %s s)",
                  id,
                  state,
                  (at - accepted.getValue()) / 1000.0,
                  seconds(limitMs)));
        }
      }
    }
    List<Long> unannounced = new ArrayList<>();
    for (var order : new TreeMap<>(states).entrySet()) {
      if (acceptedAtMs.containsKey(order.getKey())) {
        continue;
      }
      unannounced.add(order.getKey());
      if (!isFinal(order.getValue())) {
        findings.violation(
            "order "
                + order.getKey()
                + " (placed, its answer lost) still "
                + order.getValue()
                + " at the end of the run");
      }
    }
    if (!unannounced.isEmpty()) {
      findings.note(
          unannounced.size()
              + " order(s) exist although no 201 reached the harness (answer lost in the fault): "
              + ids(unannounced));
    }
  }

  /**
   * Per product: stock before the load minus the units of the COMPLETED orders is the stock after,
   * and never negative. Cancelled orders took nothing, or gave it back.
   *
   * @param items every line on the run's products, of every order
   * @param states saga state of every order those lines belong to
   */
  static void stock(
      Map<Long, Integer> before,
      Map<Long, Integer> after,
      List<ItemRow> items,
      Map<Long, String> states,
      Findings findings) {
    Map<Long, Integer> sold = new HashMap<>();
    Map<Long, Set<Long>> running = new HashMap<>();
    for (ItemRow item : items) {
      String state = states.get(item.orderId());
      if (COMPLETED.equals(state)) {
        sold.merge(item.productId(), item.quantity(), Integer::sum);
      } else if (!CANCELLED.equals(state)) {
        running.computeIfAbsent(item.productId(), p -> new TreeSet<>()).add(item.orderId());
      }
    }
    for (var product : new TreeMap<>(before).entrySet()) {
      long id = product.getKey();
      Integer now = after.get(id);
      int expected = product.getValue() - sold.getOrDefault(id, 0);
      if (now == null) {
        findings.violation("product " + id + ": no stock row after the run");
        continue;
      }
      if (now < 0) {
        findings.violation("product " + id + ": stock is negative (" + now + ")");
      }
      if (now != expected) {
        Set<Long> open = running.getOrDefault(id, Set.of());
        findings.violation(
            "product "
                + id
                + ": stock "
                + now
                + " after the run, expected "
                + expected
                + " ("
                + product.getValue()
                + " before - "
                + sold.getOrDefault(id, 0)
                + " in completed orders)"
                + (open.isEmpty() ? "" : "; orders not final: " + ids(open)));
      }
    }
  }

  /**
   * Exactly one payment per COMPLETED order (its amount, user and id as the order has them), paid
   * if and only if the harness paid it, and the order shows the same is_paid; no paid payment of a
   * CANCELLED order that was not refunded (a payment refunded after the deadline raced with it
   * counts as unpaid: {@code paid} is "paid and not refunded", StateReader), and any payment of one
   * voided ({@code voided_at}, tolerated when absent).
   *
   * @param payAttempted orders whose payment the harness tried to process (an answer may be lost)
   * @param paidAnswered orders whose processing answered is_paid true
   */
  static void payments(
      List<OrderRow> orders,
      List<PaymentRow> payments,
      Set<Long> payAttempted,
      Set<Long> paidAnswered,
      Findings findings) {
    Map<Long, List<PaymentRow>> byOrder =
        payments.stream().collect(Collectors.groupingBy(PaymentRow::orderId));
    List<String> unverifiable = new ArrayList<>();
    for (OrderRow order : sorted(orders)) {
      List<PaymentRow> mine = byOrder.getOrDefault(order.id(), List.of());
      if (COMPLETED.equals(order.sagaState())) {
        if (mine.size() != 1) {
          findings.violation(
              "order " + order.id() + " (COMPLETED) has " + mine.size() + " payments, expected 1");
          continue;
        }
        PaymentRow payment = mine.get(0);
        if (payment.total().compareTo(order.total()) != 0
            || payment.userId() != order.userId()
            || !Objects.equals(order.paymentId(), payment.id())) {
          findings.violation(
              "order "
                  + order.id()
                  + ": payment "
                  + payment.id()
                  + " (amount "
                  + payment.total()
                  + ", user "
                  + payment.userId()
                  + ") does not match the order (amount "
                  + order.total()
                  + ", user "
                  + order.userId()
                  + ", payment_id "
                  + order.paymentId()
                  + ")");
        }
        if (payment.paid() && !payAttempted.contains(order.id())) {
          findings.violation(
              "payment "
                  + payment.id()
                  + " of order "
                  + order.id()
                  + " is paid but nobody paid it");
        }
        if (paidAnswered.contains(order.id()) && !payment.paid()) {
          findings.violation(
              "payment "
                  + payment.id()
                  + " of order "
                  + order.id()
                  + " answered is_paid true but is not paid in MySQL");
        }
        if (payment.paid() != order.paid()) {
          findings.violation(
              "order "
                  + order.id()
                  + ": is_paid "
                  + order.paid()
                  + " but its payment "
                  + payment.id()
                  + " has is_paid "
                  + payment.paid()
                  + " (PaymentCompleted not applied)");
        }
      } else if (CANCELLED.equals(order.sagaState())) {
        for (PaymentRow payment : mine) {
          if (payment.paid()) {
            findings.violation(
                "payment " + payment.id() + " of cancelled order " + order.id() + " is paid");
          }
          if (payment.voided() == null) {
            unverifiable.add(payment.id() + " (order " + order.id() + ")");
          } else if (!payment.voided()) {
            findings.violation(
                "payment "
                    + payment.id()
                    + " of cancelled order "
                    + order.id()
                    + " is not voided (voided_at is null)");
          }
        }
        if (order.paid()) {
          findings.violation("cancelled order " + order.id() + " shows is_paid true");
        }
      }
    }
    if (!unverifiable.isEmpty()) {
      findings.note(
          "payments.voided_at does not exist: cannot check that these payments of cancelled orders"
              + " were voided: "
              + String.join(", ", unverifiable));
    }
  }

  /**
   * Orders deleted while their payment was being made (DELETE and pay at once): the order is gone,
   * and its payment is voided and not paid, or paid and refunded ({@code paid} means "paid and not
   * refunded", StateReader): never money taken for a deleted order (issue 29, ADR 0016).
   */
  static void deletedOrders(
      Set<Long> deleted, Map<Long, String> states, List<PaymentRow> payments, Findings findings) {
    for (long id : new TreeSet<>(deleted)) {
      if (states.containsKey(id)) {
        findings.violation("order " + id + " was deleted (204) but is still in MySQL");
      }
    }
    for (PaymentRow payment : payments) {
      if (payment.paid()) {
        findings.violation(
            "payment "
                + payment.id()
                + " of deleted order "
                + payment.orderId()
                + " is paid and was not refunded");
      }
      if (Boolean.FALSE.equals(payment.voided())) {
        findings.violation(
            "payment "
                + payment.id()
                + " of deleted order "
                + payment.orderId()
                + " is not voided");
      }
    }
  }

  /**
   * Each saga step happened once: per order and service, each event type at most once in the
   * outbox; a COMPLETED order took exactly the happy path (plus PaymentCompleted once if it is
   * paid) and a CANCELLED one a documented cancellation; every event was published (sent_at) and
   * recorded by the inboxes that handle it (processed_events). Re-delivered copies keep their event
   * id, so a copy that got past the inbox would show as a second step here (a second
   * PaymentCreated, say) or in the stock.
   *
   * @param storeInbox event ids in store_manager.processed_events (among the run's)
   * @param paymentInbox event ids in payment.processed_events (among the run's)
   */
  static void sagaSteps(
      List<OrderRow> orders,
      List<OutboxRow> outbox,
      Set<String> storeInbox,
      Set<String> paymentInbox,
      Findings findings) {
    Map<Long, List<OutboxRow>> byOrder =
        outbox.stream().collect(Collectors.groupingBy(OutboxRow::orderId));
    for (OrderRow order : sorted(orders)) {
      if (!isFinal(order.sagaState())) {
        continue; // reported by ordersEnded; its path is not over
      }
      List<OutboxRow> rows = byOrder.getOrDefault(order.id(), List.of());
      Map<String, Long> store = count(rows, STORE);
      Map<String, Long> payment = count(rows, PAYMENT);
      boolean repeated = false;
      for (var service : Map.of(STORE, store, PAYMENT, payment).entrySet()) {
        for (var type : service.getValue().entrySet()) {
          if (type.getValue() > 1) {
            repeated = true;
            findings.violation(
                "order "
                    + order.id()
                    + ": "
                    + type.getValue()
                    + " x "
                    + type.getKey()
                    + " in "
                    + service.getKey()
                    + "'s outbox (one expected)");
          }
        }
      }
      if (!repeated) {
        checkPath(order, store.keySet(), payment.keySet(), findings);
      }
      for (OutboxRow row : rows) {
        if (!row.sent()) {
          findings.violation(
              "order "
                  + order.id()
                  + ": "
                  + row.eventType()
                  + " "
                  + row.eventId()
                  + " still unsent in "
                  + row.service()
                  + "'s outbox");
        }
        if (CONTRACT.contains(row.eventType()) && !storeInbox.contains(row.eventId())) {
          findings.violation(
              "order "
                  + order.id()
                  + ": "
                  + row.eventType()
                  + " "
                  + row.eventId()
                  + " never recorded by store-manager's inbox");
        }
        if (PAYMENT_HANDLES.contains(row.eventType()) && !paymentInbox.contains(row.eventId())) {
          findings.violation(
              "order "
                  + order.id()
                  + ": "
                  + row.eventType()
                  + " "
                  + row.eventId()
                  + " never recorded by payment's inbox");
        }
      }
    }
  }

  private static void checkPath(
      OrderRow order, Set<String> store, Set<String> payment, Findings findings) {
    String seen = "store-manager " + new TreeSet<>(store) + ", payment " + new TreeSet<>(payment);
    if (COMPLETED.equals(order.sagaState())) {
      Set<String> expectedPayment = new TreeSet<>(HAPPY.payment());
      if (order.paid()) {
        expectedPayment.add("PaymentCompleted");
      }
      Set<String> payments = new TreeSet<>(payment);
      if (!order.paid()) {
        payments.remove("PaymentCompleted"); // reported by payments(): paid but not applied
      }
      if (!store.equals(HAPPY.store()) || !payments.equals(expectedPayment)) {
        findings.violation(
            "order "
                + order.id()
                + " (COMPLETED) did not take the happy path: "
                + seen
                + "; expected store-manager "
                + new TreeSet<>(HAPPY.store())
                + ", payment "
                + expectedPayment);
      }
      return;
    }
    for (Path path : CANCELLATIONS) {
      if (path.store().equals(store) && path.payment().equals(payment)) {
        return;
      }
    }
    if (byTheDeadline(store)) {
      return;
    }
    boolean undocumentedTypes =
        store.stream().anyMatch(t -> !CONTRACT.contains(t))
            || payment.stream().anyMatch(t -> !CONTRACT.contains(t) && !RECORDS_ONLY.contains(t));
    boolean takenNotReturned =
        store.contains("StockDecreased") && !store.contains("StockIncreased");
    if (!store.contains("OrderCreated") || !store.contains("SagaCompleted") || takenNotReturned) {
      findings.violation("order " + order.id() + " (CANCELLED) took an impossible path: " + seen);
    } else if (undocumentedTypes) {
      findings.note(
          "order "
              + order.id()
              + " (CANCELLED) took a path with events outside the contract: "
              + seen);
    } else {
      findings.violation("order " + order.id() + " (CANCELLED) took an undocumented path: " + seen);
    }
  }

  /**
   * The saga deadline's path (docs/state-machine.md): the order's own steps up to where it was
   * stuck, then the deadline's OrderCancelled (it gave back the units itself, without
   * StockIncreased) and no SagaCompleted of its own... or, when it was stuck before StockDecreased,
   * no OrderCancelled at all.
   */
  private static boolean byTheDeadline(Set<String> store) {
    return store.contains("OrderCreated")
        && !store.contains("SagaCompleted")
        && !store.contains("StockIncreased")
        && Set.of("OrderCreated", "StockDecreased", "StockDecreaseFailed", "OrderCancelled")
            .containsAll(store);
  }

  /**
   * The read side equals what SQL says: each order as GET /orders/{id} shows it (saga_state,
   * is_paid, total, payment), each stock level as GET /stocks/{id} and {@code stock:by-quantity}
   * show it, and the reports: units sold per product, cents spent by the run's user and the set of
   * counted orders in Redis, and the REST report lists.
   */
  static void readModels(
      List<OrderRow> orders,
      List<OrderReading> readings,
      Map<Long, Integer> stockAfter,
      List<StockReading> stocks,
      long userId,
      List<ItemRow> items,
      ReportReading reports,
      Findings findings) {
    Map<Long, OrderReading> byId = new HashMap<>();
    readings.forEach(r -> byId.put(r.orderId(), r));
    for (OrderRow order : sorted(orders)) {
      OrderReading r = byId.get(order.id());
      if (r == null || r.status() != 200) {
        findings.violation(
            "order "
                + order.id()
                + ": GET /orders/"
                + order.id()
                + " answered "
                + (r == null ? "nothing" : "HTTP " + r.status()));
        continue;
      }
      boolean same =
          order.sagaState().equals(r.sagaState())
              && Objects.equals(order.paid(), r.paid())
              && r.total() != null
              && order.total().compareTo(r.total()) == 0
              && Objects.equals(order.paymentId(), r.paymentId())
              && Objects.equals(order.paymentLink(), r.paymentLink());
      if (!same) {
        findings.violation(
            "order "
                + order.id()
                + ": GET /orders/"
                + order.id()
                + " shows "
                + describe(r.sagaState(), r.paid(), r.total(), r.paymentId())
                + ", MySQL has "
                + describe(order.sagaState(), order.paid(), order.total(), order.paymentId())
                + (Objects.equals(order.paymentLink(), r.paymentLink())
                    ? ""
                    : " (payment_link differs)"));
      }
    }
    Map<Long, StockReading> stockById = new HashMap<>();
    stocks.forEach(s -> stockById.put(s.productId(), s));
    for (var product : new TreeMap<>(stockAfter).entrySet()) {
      StockReading s = stockById.get(product.getKey());
      if (s == null || s.status() != 200 || !Objects.equals(s.quantity(), product.getValue())) {
        findings.violation(
            "product "
                + product.getKey()
                + ": GET /stocks/"
                + product.getKey()
                + " shows "
                + (s == null ? "nothing" : s.status() != 200 ? "HTTP " + s.status() : s.quantity())
                + ", MySQL has "
                + product.getValue());
      }
      if (s != null
          && (s.byQuantityScore() == null
              || s.byQuantityScore().intValue() != product.getValue())) {
        findings.violation(
            "product "
                + product.getKey()
                + ": stock:by-quantity has "
                + (s.byQuantityScore() == null ? "no entry" : s.byQuantityScore().intValue())
                + ", MySQL has "
                + product.getValue());
      }
    }
    reports(orders, userId, items, stockAfter.keySet(), reports, findings);
  }

  private static void reports(
      List<OrderRow> orders,
      long userId,
      List<ItemRow> items,
      Collection<Long> products,
      ReportReading reports,
      Findings findings) {
    Set<Long> completed =
        orders.stream()
            .filter(o -> COMPLETED.equals(o.sagaState()))
            .map(OrderRow::id)
            .collect(Collectors.toCollection(TreeSet::new));
    Map<Long, Long> sold = new TreeMap<>();
    products.forEach(p -> sold.put(p, 0L));
    for (ItemRow item : items) {
      if (completed.contains(item.orderId())) {
        sold.merge(item.productId(), (long) item.quantity(), Long::sum);
      }
    }
    BigDecimal spent =
        orders.stream()
            .filter(o -> COMPLETED.equals(o.sagaState()) && o.userId() == userId)
            .map(OrderRow::total)
            .reduce(BigDecimal.ZERO, BigDecimal::add);

    for (var product : sold.entrySet()) {
      Double score = reports.bestSellerScores().get(product.getKey());
      long shown = score == null ? 0 : Math.round(score);
      if (shown != product.getValue()) {
        findings.violation(
            "report:best-sellers has "
                + (score == null ? "no entry" : shown)
                + " for product "
                + product.getKey()
                + ", MySQL's completed orders sold "
                + product.getValue());
      }
      listed(
          "best-sellers",
          "product " + product.getKey(),
          product.getKey(),
          BigDecimal.valueOf(product.getValue()),
          reports.bestSellersListed(),
          reports.limit(),
          findings);
    }
    long cents = spent.movePointRight(2).longValueExact();
    long shownCents = reports.spenderCents() == null ? 0 : Math.round(reports.spenderCents());
    if (shownCents != cents) {
      findings.violation(
          "report:highest-spenders has "
              + (reports.spenderCents() == null
                  ? "no entry"
                  : BigDecimal.valueOf(shownCents).movePointLeft(2))
              + " for user "
              + userId
              + ", MySQL's completed orders total "
              + spent);
    }
    listed(
        "highest-spenders",
        "user " + userId,
        userId,
        spent,
        reports.spendersListed(),
        reports.limit(),
        findings);

    Set<Long> extra = new TreeSet<>(reports.countedOrders());
    extra.removeAll(completed);
    Set<Long> missing = new TreeSet<>(completed);
    missing.removeAll(reports.countedOrders());
    if (!extra.isEmpty()) {
      findings.violation(
          "report:counted-orders holds orders that are not COMPLETED: " + ids(extra));
    }
    if (!missing.isEmpty()) {
      findings.violation("report:counted-orders lacks COMPLETED orders: " + ids(missing));
    }
  }

  /**
   * A report list (the top {@code limit}) shows the expected value for the member, or leaves it out
   * only because the list is full of members that rank at least as high.
   */
  private static void listed(
      String report,
      String what,
      long id,
      BigDecimal expected,
      List<ReportEntry> list,
      int limit,
      Findings findings) {
    ReportEntry entry = list.stream().filter(e -> e.id() == id).findFirst().orElse(null);
    if (entry != null) {
      if (entry.value().compareTo(expected) != 0) {
        findings.violation(
            "GET /orders/reports/"
                + report
                + " shows "
                + entry.value()
                + " for "
                + what
                + ", MySQL has "
                + expected);
      }
      return;
    }
    if (expected.signum() == 0) {
      return;
    }
    BigDecimal lowest =
        list.stream().map(ReportEntry::value).min(BigDecimal::compareTo).orElse(null);
    boolean crowdedOut = list.size() >= limit && lowest != null && expected.compareTo(lowest) <= 0;
    if (!crowdedOut) {
      findings.violation(
          "GET /orders/reports/"
              + report
              + " leaves out "
              + what
              + " (MySQL has "
              + expected
              + ")");
    }
  }

  /**
   * No 5xx (nor a request without any answer) outside the fault window and its grace: an exchange
   * is excused if it overlapped [start, end + grace]; with a component that never came back, from
   * the start on. One line per endpoint and status, with its ids.
   */
  static void serverErrors(
      List<HttpAnswer> answers, FaultWindow window, long graceMs, Findings findings) {
    Map<String, List<HttpAnswer>> outside = new LinkedHashMap<>();
    for (HttpAnswer a : answers) {
      if (!a.serverError() || excused(a, window, graceMs)) {
        continue;
      }
      String status = a.status() == 0 ? "no answer" : "HTTP " + a.status();
      outside.computeIfAbsent(a.request() + "|" + status, k -> new ArrayList<>()).add(a);
    }
    for (var group : outside.entrySet()) {
      String[] parts = group.getKey().split("\\|", 2);
      List<HttpAnswer> list = group.getValue();
      String subjects =
          list.stream()
              .map(HttpAnswer::subject)
              .filter(s -> s != null && !s.isEmpty())
              .distinct()
              .limit(10)
              .collect(Collectors.joining(", "));
      findings.violation(
          String.format(
              Locale.ROOT,
              "%d x %s outside the fault window: %s%s, sent %.1f to %.1f s into the load",
              list.size(),
              parts[1],
              parts[0],
              subjects.isEmpty() ? "" : " (" + subjects + ")",
              list.stream().mapToLong(HttpAnswer::sentMs).min().orElse(0) / 1000.0,
              list.stream().mapToLong(HttpAnswer::sentMs).max().orElse(0) / 1000.0));
    }
  }

  private static boolean excused(HttpAnswer a, FaultWindow window, long graceMs) {
    if (window == null) {
      return false;
    }
    long until = window.endMs() == null ? Long.MAX_VALUE : window.endMs() + graceMs;
    return a.answeredMs() >= window.startMs() && a.sentMs() <= until;
  }

  /**
   * A POST /orders sent twice with one Idempotency-Key and the same body gives one order: both
   * answers name the same order_id, and a retry of a placed order is not refused.
   */
  static void idempotency(List<DuplicatePost> pairs, Findings findings) {
    for (DuplicatePost p : pairs) {
      if (p.firstOrderId() != null && p.secondOrderId() != null) {
        if (!p.firstOrderId().equals(p.secondOrderId())) {
          findings.violation(
              "Idempotency-Key "
                  + p.key()
                  + ": two orders ("
                  + p.firstOrderId()
                  + " and "
                  + p.secondOrderId()
                  + ") for one request");
        }
      } else if (p.firstOrderId() != null && p.secondStatus() >= 400 && p.secondStatus() < 500) {
        findings.violation(
            "Idempotency-Key "
                + p.key()
                + ": the retry of order "
                + p.firstOrderId()
                + " answered HTTP "
                + p.secondStatus()
                + " instead of the same order_id");
      }
    }
  }

  /**
   * Every record published again was consumed by both groups (their committed offset on its
   * partition is past it): the services did meet the duplicate, and {@link #sagaSteps} shows it had
   * no effect.
   *
   * @param committed group to partition to its committed offset
   */
  static void redeliveries(
      List<Resent> resent, Map<String, Map<Integer, Long>> committed, Findings findings) {
    if (resent.isEmpty()) {
      findings.note("no saga record was delivered twice (none could be read or re-published)");
      return;
    }
    for (Resent r : resent) {
      for (String group : new TreeSet<>(committed.keySet())) {
        Long offset = committed.get(group).get(r.partition());
        if (offset == null || offset <= r.offset()) {
          findings.violation(
              "the copy of "
                  + r.eventType()
                  + " "
                  + r.eventId()
                  + " (order "
                  + r.orderId()
                  + ", partition "
                  + r.partition()
                  + " offset "
                  + r.offset()
                  + ") was not consumed by group "
                  + group
                  + " (committed "
                  + offset
                  + ")");
        }
      }
    }
  }

  private static Map<String, Long> count(List<OutboxRow> rows, String service) {
    return rows.stream()
        .filter(r -> r.service().equals(service))
        .collect(Collectors.groupingBy(OutboxRow::eventType, TreeMap::new, Collectors.counting()));
  }

  private static List<OrderRow> sorted(List<OrderRow> orders) {
    return orders.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
  }

  private static String describe(String state, Boolean paid, BigDecimal total, Long paymentId) {
    return state + ", is_paid " + paid + ", total " + total + ", payment " + paymentId;
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.0f", ms / 1000.0);
  }

  private static String ids(Collection<Long> ids) {
    List<Long> list = new ArrayList<>(new TreeSet<>(ids));
    String shown = list.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "));
    return list.size() > 20 ? shown + " and " + (list.size() - 20) + " more" : shown;
  }
}
