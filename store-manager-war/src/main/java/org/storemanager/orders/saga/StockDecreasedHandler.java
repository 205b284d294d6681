package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.StockDecreased;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.Order;

/** StockDecreased: the units are taken; the payment service now creates the payment. */
@ApplicationScoped
public class StockDecreasedHandler {

  @Inject OrderSagaSteps orders;

  void onStockDecreased(@Observes @Saga(StockDecreased) SagaEvent event) {
    orders.advance(event, Order::noteStockDecreased);
  }
}
