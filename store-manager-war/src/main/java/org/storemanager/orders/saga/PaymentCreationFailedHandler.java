package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCreationFailed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.stock.command.StockService;

/**
 * PaymentCreationFailed (compensation): give the order's units back to stock ({@code StockService},
 * the stock domain's port); then StockIncreased.
 */
@ApplicationScoped
public class PaymentCreationFailedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;
  @Inject StockService stock;

  void onPaymentCreationFailed(@Observes @Saga(PaymentCreationFailed) SagaEvent event) {
    if (orders.advance(event, order -> order.notePaymentRefused(event.error())).isEmpty()) {
      return;
    }
    stock.putBack(OrderSagaSteps.quantities(event));
    outbox.add(event.next(EventType.StockIncreased));
  }
}
