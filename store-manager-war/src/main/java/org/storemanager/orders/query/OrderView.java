package org.storemanager.orders.query;

import jakarta.json.bind.annotation.JsonbNillable;
import java.math.BigDecimal;
import java.util.List;
import org.storemanager.orders.model.Order;

/**
 * An order as clients read it ({@code GET /orders/{id}}), stored as JSON in the read model: {@code
 * {order_id, user_id, total_amount, items, payment_link, is_paid, created_at, saga_state, error,
 * payment_id, version}}; {@code version} grows with every change of the order.
 */
@JsonbNillable
public record OrderView(
    long orderId,
    long userId,
    BigDecimal totalAmount,
    List<Item> items,
    String paymentLink,
    boolean isPaid,
    String createdAt,
    String sagaState,
    String error,
    Long paymentId,
    long version) {

  /** A line of the order with the unit price charged. */
  public record Item(long productId, int quantity, BigDecimal unitPrice) {}

  public static OrderView of(Order order) {
    return new OrderView(
        order.getId(),
        order.getUserId(),
        order.getTotalAmount(),
        order.getItems().stream()
            .map(i -> new Item(i.getProductId(), i.getQuantity(), i.getUnitPrice()))
            .toList(),
        order.getPaymentLink(),
        order.isPaid(),
        order.getCreatedAt().toString(),
        order.getSagaState().name(),
        order.getSagaError(),
        order.getPaymentId(),
        order.getVersion());
  }
}
