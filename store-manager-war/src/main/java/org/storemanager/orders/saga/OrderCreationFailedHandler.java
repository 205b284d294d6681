package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.OrderCreationFailed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;

/**
 * OrderCreationFailed: end the saga with the error. This service validates orders before it writes
 * them, so it never emits this event itself; the handler serves any producer of the contract.
 */
@ApplicationScoped
public class OrderCreationFailedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onOrderCreationFailed(@Observes @Saga(OrderCreationFailed) SagaEvent event) {
    orders
        .advance(event, order -> order.noteCreationFailed(event.error()))
        .ifPresent(
            order ->
                outbox.add(event.next(EventType.SagaCompleted).withError(order.getSagaError())));
  }
}
