package org.storemanager.orders.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order as clients read it ({@code GET /orders/{id}}), stored as JSON in the read model: {@code
 * {order_id, user_id, total_amount, items, payment_link, is_paid, created_at, saga_state, error,
 * payment_id, version}}; {@code version} grows with every change of the order.
 *
 * <p>In {@code model}, beside the entity it is a snapshot of: {@code command} fires it in its
 * events, {@code query} stores it, {@code api} returns it, and {@code model} is the one layer all
 * three may use.
 */
@JsonbNillable
public record OrderView(
    @Schema(required = true, minimum = "1") long orderId,
    @Schema(required = true, minimum = "1") long userId,
    @Schema(required = true) BigDecimal totalAmount,
    @Schema(required = true) List<Item> items,
    @Schema(required = true, nullable = true, description = "Where the customer pays, once known")
        String paymentLink,
    @Schema(name = "is_paid", required = true) boolean isPaid,
    @Schema(required = true, format = "date-time") String createdAt,
    @Schema(required = true, implementation = SagaState.class) String sagaState,
    @Schema(required = true, nullable = true, description = "Why the saga cancelled the order")
        String error,
    @Schema(required = true, nullable = true, format = "int64") Long paymentId,
    @Schema(required = true, description = "Grows with every change of the order") long version) {

  /** A line of the order with the unit price charged. */
  public record Item(
      @Schema(required = true) long productId,
      @Schema(required = true) int quantity,
      @Schema(required = true) BigDecimal unitPrice) {}

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
