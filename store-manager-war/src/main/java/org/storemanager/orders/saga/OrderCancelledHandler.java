package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.OrderCancelled;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.Order;

/** OrderCancelled: the cancellation is done; end the saga (SagaCompleted carrying the error). */
@ApplicationScoped
public class OrderCancelledHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onOrderCancelled(@Observes @Saga(OrderCancelled) SagaEvent event) {
    if (orders.advance(event, Order::noteCancelled).isPresent()) {
      outbox.add(event.next(EventType.SagaCompleted));
    }
  }
}
