package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCreationFailed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.command.OrderService;
import org.storemanager.orders.model.Order;
import org.storemanager.stock.command.StockService;

/**
 * PaymentCreationFailed (compensation): give the units the order took back to stock ({@code
 * StockService}, the stock domain's port), from the order's own lines, never from the event's; then
 * StockIncreased.
 */
@ApplicationScoped
public class PaymentCreationFailedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;
  @Inject StockService stock;

  void onPaymentCreationFailed(@Observes @Saga(PaymentCreationFailed) SagaEvent event) {
    Optional<Order> order = orders.advance(event, o -> o.notePaymentRefused(event.error()));
    if (order.isEmpty()) {
      return;
    }
    // The order's own lines, as the deadline and DELETE do: the event's copy of them is only what a
    // producer wrote, and the units to give back are those this order took.
    stock.putBack(OrderService.quantities(order.get()));
    outbox.add(event.next(EventType.StockIncreased));
  }
}
