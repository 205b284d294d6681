package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCreated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.SagaState;

/** PaymentCreated: store the payment id and link on the order; then SagaCompleted. */
@ApplicationScoped
public class PaymentCreatedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onPaymentCreated(@Observes @Saga(PaymentCreated) SagaEvent event) {
    var order =
        orders.advance(
            event,
            SagaState.COMPLETING_ORDER_SAGA,
            o -> {
              o.advance(SagaState.COMPLETING_ORDER_SAGA);
              o.attachPayment(event.paymentId(), event.paymentLink());
              if (Boolean.TRUE.equals(event.isPaid())) {
                o.recordPayment(true, event.paymentLink()); // an existing, already paid payment
              }
            });
    if (order.isPresent()) {
      outbox.add(event.next(EventType.SagaCompleted));
    }
  }
}
