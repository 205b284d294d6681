package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.StockDecreaseFailed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;

/**
 * StockDecreaseFailed: nothing was taken; cancel the order (OrderCancelled, with the shortage as
 * error).
 */
@ApplicationScoped
public class StockDecreaseFailedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onStockDecreaseFailed(@Observes @Saga(StockDecreaseFailed) SagaEvent event) {
    if (orders.advance(event, order -> order.noteStockDecreaseFailed(event.error())).isPresent()) {
      outbox.add(event.next(EventType.OrderCancelled));
    }
  }
}
