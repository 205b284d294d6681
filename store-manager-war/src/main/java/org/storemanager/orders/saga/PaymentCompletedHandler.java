package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCompleted;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;

/** PaymentCompleted: the customer paid; the order becomes is_paid=true. */
@ApplicationScoped
public class PaymentCompletedHandler {

  @Inject OrderSagaSteps orders;

  void onPaymentCompleted(@Observes @Saga(PaymentCompleted) SagaEvent event) {
    orders.change(event, order -> order.recordPayment(true, event.paymentLink()));
  }
}
