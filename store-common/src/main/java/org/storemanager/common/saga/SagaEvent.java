package org.storemanager.common.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.storemanager.common.web.JsonNaming;

/**
 * One message of the order saga, as JSON on the topic (snake_case, see docs/event-contract.md):
 * {@code event} says what happened; {@code event_id} identifies this message (consumers use it to
 * ignore redeliveries); {@code correlation_id} is the same for every event of one order's saga.
 * Fields that do not apply to an event are absent.
 */
public record SagaEvent(
    String event,
    String eventId,
    String correlationId,
    Long orderId,
    Long userId,
    BigDecimal totalAmount,
    List<Item> orderItems,
    Boolean isPaid,
    Long paymentId,
    String paymentLink,
    String datetime,
    String error) {

  /** A line of the order: product, quantity and unit price. */
  public record Item(long productId, int quantity, BigDecimal unitPrice) {}

  /** The first event of a saga, with the order's correlation id. */
  public static SagaEvent start(
      EventType type,
      String correlationId,
      long orderId,
      long userId,
      BigDecimal totalAmount,
      List<Item> items) {
    return new SagaEvent(
        type.name(),
        UUID.randomUUID().toString(),
        correlationId,
        orderId,
        userId,
        totalAmount,
        items,
        false,
        null,
        null,
        Instant.now().toString(),
        null);
  }

  /** An event of an existing saga raised outside a handler (e.g. a payment processed via REST). */
  public static SagaEvent of(
      EventType type, String correlationId, long orderId, long userId, BigDecimal totalAmount) {
    return new SagaEvent(
        type.name(),
        UUID.randomUUID().toString(),
        correlationId == null ? UUID.randomUUID().toString() : correlationId,
        orderId,
        userId,
        totalAmount,
        null,
        null,
        null,
        null,
        Instant.now().toString(),
        null);
  }

  /** The event that follows this one in the same saga: same order data, new id and time. */
  public SagaEvent next(EventType type) {
    return new SagaEvent(
        type.name(),
        UUID.randomUUID().toString(),
        correlationId,
        orderId,
        userId,
        totalAmount,
        orderItems,
        isPaid,
        paymentId,
        paymentLink,
        Instant.now().toString(),
        error);
  }

  public SagaEvent withError(String message) {
    return new SagaEvent(
        event,
        eventId,
        correlationId,
        orderId,
        userId,
        totalAmount,
        orderItems,
        isPaid,
        paymentId,
        paymentLink,
        datetime,
        message);
  }

  public SagaEvent withPayment(long id, String link, boolean paid) {
    return new SagaEvent(
        event,
        eventId,
        correlationId,
        orderId,
        userId,
        totalAmount,
        orderItems,
        paid,
        id,
        link,
        datetime,
        error);
  }

  public EventType type() {
    return EventType.valueOf(event);
  }

  public String toJson() {
    return JsonNaming.jsonb().toJson(this);
  }

  /** Longest event and correlation id (the columns are {@code CHAR(36)}: a UUID). */
  static final int MAX_ID = 36;

  /** Longest payment link (the order's {@code payment_link} column). */
  static final int MAX_LINK = 512;

  /**
   * Parses a record value; throws {@link IllegalArgumentException} (or JSON-B's exception) if it is
   * not a saga event of the contract: ids missing, too long or not positive, an unknown type, a
   * negative amount, a line without a product or with a quantity below 1. What passes here is what
   * the handlers may assume (STYLE.md: untrusted bytes are checked once, at the edge).
   */
  public static SagaEvent fromJson(String json) {
    if (json == null) {
      throw new IllegalArgumentException("not a saga event: no value");
    }
    SagaEvent event = JsonNaming.jsonb().fromJson(json, SagaEvent.class);
    if (event == null || event.eventId() == null || event.eventId().isBlank()) {
      throw new IllegalArgumentException("not a saga event: event_id missing");
    }
    require(event.eventId().length() <= MAX_ID, "event_id longer than " + MAX_ID);
    require(
        event.correlationId() == null || event.correlationId().length() <= MAX_ID,
        "correlation_id longer than " + MAX_ID);
    if (event.orderId() == null) {
      throw new IllegalArgumentException("not a saga event: order_id missing");
    }
    require(event.orderId() > 0, "order_id must be positive");
    if (event.event() == null || EventType.parse(event.event()).isEmpty()) {
      throw new IllegalArgumentException("unknown event type: " + event.event());
    }
    require(event.userId() == null || event.userId() > 0, "user_id must be positive");
    require(event.paymentId() == null || event.paymentId() > 0, "payment_id must be positive");
    require(
        event.totalAmount() == null || event.totalAmount().signum() >= 0,
        "total_amount must not be negative");
    require(
        event.paymentLink() == null || event.paymentLink().length() <= MAX_LINK,
        "payment_link longer than " + MAX_LINK);
    if (event.orderItems() != null) {
      for (Item item : event.orderItems()) {
        require(item != null, "an order item is null");
        require(item.productId() > 0, "an order item's product_id must be positive");
        require(item.quantity() > 0, "an order item's quantity must be at least 1");
        require(
            item.unitPrice() == null || item.unitPrice().signum() >= 0,
            "an order item's unit_price must not be negative");
      }
    }
    return event;
  }

  private static void require(boolean valid, String what) {
    if (!valid) {
      throw new IllegalArgumentException("not a saga event of the contract: " + what);
    }
  }
}
