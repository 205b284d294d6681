package org.storemanager.bench.chaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run observed, as plain records: the harness's own answers and the state it read back from
 * MariaDB, Redis, the REST API and Kafka. {@link Invariants} judges them; tests build them by hand.
 */
final class Facts {

  private Facts() {}

  /**
   * One HTTP exchange of the run: {@code request} names the endpoint ({@code GET /orders/{id}}),
   * {@code subject} the id it was about; times on the run clock; status 0 when no answer came
   * (connection refused, timeout).
   */
  record HttpAnswer(String request, String subject, long sentMs, long answeredMs, int status) {
    boolean serverError() {
      return status == 0 || status >= 500;
    }
  }

  /**
   * The fault's window on the run clock: from the injection to the moment the component was back
   * ({@code endMs} null if it never came back); {@code downMs} when the kill or stop returned;
   * {@code problem} what went wrong with the injection itself, if anything.
   */
  record FaultWindow(long startMs, Long downMs, Long endMs, String problem) {
    Double seconds() {
      return endMs == null ? null : (endMs - startMs) / 1000.0;
    }
  }

  /** Both answers to a POST /orders sent twice with one Idempotency-Key (order id null if none). */
  record DuplicatePost(
      String key, int firstStatus, Long firstOrderId, int secondStatus, Long secondOrderId) {}

  /** A row of {@code orders}. */
  record OrderRow(
      long id,
      long userId,
      String sagaState,
      BigDecimal total,
      boolean paid,
      Long paymentId,
      String paymentLink) {}

  /** A row of {@code order_items}. */
  record ItemRow(long orderId, long productId, int quantity) {}

  /** A row of {@code payment.payments}; {@code voided} is null when the column does not exist. */
  record PaymentRow(
      long id, long orderId, long userId, BigDecimal total, boolean paid, Boolean voided) {}

  /** A row of a service's {@code outbox_messages} ({@code service}: store-manager or payment). */
  record OutboxRow(String service, long orderId, String eventType, String eventId, boolean sent) {}

  /** The order as {@code GET /orders/{id}} shows it (from Redis); fields null if not 200. */
  record OrderReading(
      long orderId,
      int status,
      String sagaState,
      Boolean paid,
      BigDecimal total,
      Long paymentId,
      String paymentLink) {}

  /**
   * A product's stock as {@code GET /stocks/{id}} shows it and its score in {@code
   * stock:by-quantity} (null if absent).
   */
  record StockReading(long productId, int status, Integer quantity, Double byQuantityScore) {}

  /** An entry of a report as the REST API lists it. */
  record ReportEntry(long id, BigDecimal value) {}

  /**
   * The reports: straight from Redis for the run's products, user and orders (scores null when
   * absent), and as {@code GET /orders/reports/...?limit=} lists them.
   */
  record ReportReading(
      Map<Long, Double> bestSellerScores,
      Double spenderCents,
      Set<Long> countedOrders,
      List<ReportEntry> bestSellersListed,
      List<ReportEntry> spendersListed,
      int limit) {}

  /** A saga record the harness published a second time, unchanged, and where it landed. */
  record Resent(String eventId, String eventType, long orderId, int partition, long offset) {}
}
