package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.StockIncreased;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.Order;

/** StockIncreased: the units are back after a failed payment; cancel the order (OrderCancelled). */
@ApplicationScoped
public class StockIncreasedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onStockIncreased(@Observes @Saga(StockIncreased) SagaEvent event) {
    if (orders.advance(event, Order::noteStockIncreased).isPresent()) {
      outbox.add(event.next(EventType.OrderCancelled));
    }
  }
}
