package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.PaymentCompleted;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.Order;

/**
 * PaymentCompleted: the customer paid; the order becomes is_paid=true, if its saga succeeded
 * ({@link Order#notePaid}). A cancelled order is never marked paid: the payment service voids the
 * payment of a cancelled order (OrderCancelled).
 */
@ApplicationScoped
public class PaymentCompletedHandler {

  @Inject OrderSagaSteps orders;

  void onPaymentCompleted(@Observes @Saga(PaymentCompleted) SagaEvent event) {
    orders.advance(event, Order::notePaid);
  }
}
