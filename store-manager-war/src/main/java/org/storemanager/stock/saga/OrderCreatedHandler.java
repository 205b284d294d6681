package org.storemanager.stock.saga;

import static org.storemanager.common.saga.EventType.OrderCreated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.SagaState;
import org.storemanager.orders.saga.OrderSagaSteps;
import org.storemanager.stock.command.StockService;

/**
 * OrderCreated: take the order's units out of stock, all or nothing; then StockDecreased, or
 * StockDecreaseFailed with the shortage.
 */
@ApplicationScoped
public class OrderCreatedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;
  @Inject StockService stock;

  void onOrderCreated(@Observes @Saga(OrderCreated) SagaEvent event) {
    if (orders.advance(event, SagaState.DECREASING_STOCK).isEmpty()) {
      return;
    }
    stock
        .takeOutIfAvailable(OrderSagaSteps.quantities(event))
        .ifPresentOrElse(
            shortage -> outbox.add(event.next(EventType.StockDecreaseFailed).withError(shortage)),
            () -> outbox.add(event.next(EventType.StockDecreased)));
  }
}
