package org.storemanager.orders.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storemanager.common.saga.OrderEventLog;
import org.storemanager.common.saga.OrderEventLog.Processed;
import org.storemanager.common.saga.OrderEventLog.Published;
import org.storemanager.orders.query.OrderTimelineView.Consumption;
import org.storemanager.orders.query.OrderTimelineView.Event;

/** Merging the services' outbox and inbox rows into an order's timeline. */
class OrderTimelineViewTest {

  private static final Instant PLACED = Instant.parse("2026-12-01T14:00:00Z");
  private static final Instant NOW = PLACED.plusSeconds(60);

  /** Times on MariaDB: whole seconds, so that most of a saga shares one. */
  private static String at(int seconds) {
    return PLACED.plusSeconds(seconds).toString();
  }

  private static OrderEventLog storeLog() {
    return new OrderEventLog(
        12,
        "store-manager",
        List.of(
            new Published("e1", "OrderCreated", at(0), at(0)),
            new Published("e2", "StockDecreased", at(0), at(0)),
            new Published("e4", "SagaCompleted", at(1), at(1))),
        List.of(
            new Processed("e1", "OrderCreated", at(0), "DECREASING_STOCK"),
            new Processed("e2", "StockDecreased", at(0), "CREATING_PAYMENT"),
            new Processed("e3", "PaymentCreated", at(1), "COMPLETING_ORDER_SAGA"),
            new Processed("e4", "SagaCompleted", at(1), "COMPLETED")));
  }

  private static OrderEventLog paymentLog() {
    return new OrderEventLog(
        12,
        "payment",
        List.of(new Published("e3", "PaymentCreated", at(0), at(1))),
        List.of(new Processed("e2", "StockDecreased", at(0), null)));
  }

  private static OrderTimelineView assemble(List<OrderEventLog> logs, String missing) {
    return OrderTimelineView.assemble(12, "COMPLETED", PLACED, 168, NOW, logs, missing);
  }

  @Test
  void theHappyPathInTheSagasOrderWithPublishersAndConsumers() {
    OrderTimelineView timeline = assemble(List.of(storeLog(), paymentLog()), null);

    assertEquals(
        List.of("OrderCreated", "StockDecreased", "PaymentCreated", "SagaCompleted"),
        timeline.events().stream().map(Event::event).toList());
    assertEquals(
        List.of("store-manager", "store-manager", "payment", "store-manager"),
        timeline.events().stream().map(Event::publishedBy).toList());
    Event stockDecreased = timeline.events().get(1);
    assertEquals(
        List.of(
            new Consumption("payment", at(0), null),
            new Consumption("store-manager", at(0), "CREATING_PAYMENT")),
        stockDecreased.consumedBy());
    Event paymentCreated = timeline.events().get(2);
    assertEquals(at(0), paymentCreated.at(), "the payment service's outbox time");
    assertEquals(at(1), paymentCreated.sentAt());
    assertEquals(
        "COMPLETED", timeline.events().get(3).consumedBy().get(0).stateAfter(), "final state");
    assertTrue(timeline.complete());
    assertNull(timeline.missing());
    assertNull(timeline.note());
    assertEquals(168, timeline.retentionHours());
    assertEquals(PLACED.toString(), timeline.createdAt());
  }

  @Test
  void withoutThePaymentLogItsEventsShowWhenTheStoreManagerConsumedThem() {
    OrderTimelineView timeline =
        assemble(List.of(storeLog()), "payment service unreachable: ConnectException");

    assertFalse(timeline.complete());
    assertEquals("payment service unreachable: ConnectException", timeline.missing());
    Event paymentCreated = timeline.events().get(2);
    assertEquals("PaymentCreated", paymentCreated.event());
    assertEquals("payment", paymentCreated.publishedBy(), "by the contract");
    assertEquals(at(1), paymentCreated.at(), "first consumption");
    assertNull(paymentCreated.sentAt());
    assertEquals(
        List.of("store-manager"),
        timeline.events().get(1).consumedBy().stream().map(Consumption::service).toList());
  }

  @Test
  void eventsOfTheSameTimeFollowTheSagasOrderThenTheirIds() {
    OrderEventLog log =
        new OrderEventLog(
            12,
            "store-manager",
            List.of(
                new Published("b", "SagaCompleted", at(5), null),
                new Published("z", "OrderCancelled", at(5), null),
                new Published("a", "SagaCompleted", at(5), null),
                new Published("c", "OrderCreated", at(4), null)),
            List.of());

    assertEquals(
        List.of("c", "z", "a", "b"),
        assemble(List.of(log), null).events().stream().map(Event::eventId).toList());
  }

  @Test
  void anEventInNoOutboxIsAttributedByTheContract() {
    OrderEventLog log =
        new OrderEventLog(
            12,
            "store-manager",
            List.of(),
            List.of(
                new Processed("x", "OrderCreated", at(3), "DECREASING_STOCK"),
                new Processed("y", "PaymentCreationFailed", at(4), "INCREASING_STOCK")));

    List<Event> events = assemble(List.of(log), null).events();

    assertEquals("store-manager", events.get(0).publishedBy());
    assertEquals(at(3), events.get(0).at());
    assertEquals("payment", events.get(1).publishedBy());
  }

  @Test
  void anUnsentEventHasNoConsumersAndNoSendingTime() {
    OrderEventLog log =
        new OrderEventLog(
            12,
            "store-manager",
            List.of(new Published("e1", "OrderCreated", at(0), null)),
            List.of());

    Event event = assemble(List.of(log), null).events().get(0);

    assertNull(event.sentAt());
    assertEquals(List.of(), event.consumedBy());
  }

  @Test
  void anOrderOlderThanTheRetentionSaysWhyItsEventsAreGone() {
    Instant now = PLACED.plus(Duration.ofHours(169));
    OrderEventLog empty = new OrderEventLog(12, "store-manager", List.of(), List.of());

    OrderTimelineView gone =
        OrderTimelineView.assemble(12, "COMPLETED", PLACED, 168, now, List.of(empty), null);
    OrderTimelineView partly =
        OrderTimelineView.assemble(12, "COMPLETED", PLACED, 168, now, List.of(storeLog()), null);
    OrderTimelineView young =
        OrderTimelineView.assemble(12, "CREATING_ORDER", PLACED, 168, NOW, List.of(empty), null);

    assertEquals(List.of(), gone.events());
    assertTrue(gone.note().startsWith("No events: the order is older than the retention period"));
    assertTrue(gone.note().contains("168 h"));
    assertTrue(partly.note().contains("some of its events may already be deleted"));
    assertNull(young.note());
  }
}
