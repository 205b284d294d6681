package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCreated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;

/** PaymentCreated: store the payment id and link on the order; then SagaCompleted. */
@ApplicationScoped
public class PaymentCreatedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;

  void onPaymentCreated(@Observes @Saga(PaymentCreated) SagaEvent event) {
    boolean alreadyPaid = Boolean.TRUE.equals(event.isPaid()); // an existing, already paid payment
    if (orders
        .advance(
            event,
            order -> order.notePaymentCreated(event.paymentId(), event.paymentLink(), alreadyPaid))
        .isPresent()) {
      outbox.add(event.next(EventType.SagaCompleted));
    }
  }
}
