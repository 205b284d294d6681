package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.SagaCompleted;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.model.SagaState;

/**
 * SagaCompleted: the order reaches its outcome, COMPLETED, or CANCELLED with the error; one log
 * line like the reference's.
 */
@ApplicationScoped
public class SagaCompletedHandler {

  @Inject OrderSagaSteps orders;
  private static final Logger LOG = Logger.getLogger(SagaCompletedHandler.class.getName());

  void onSagaCompleted(@Observes @Saga(SagaCompleted) SagaEvent event) {
    if (event.error() == null) {
      if (orders.advance(event, SagaState.COMPLETED).isPresent()) {
        LOG.info(
            "saga completed order_id=" + event.orderId() + " payment_link=" + event.paymentLink());
      }
    } else if (orders
        .advance(event, SagaState.CANCELLED, order -> order.cancel(event.error()))
        .isPresent()) {
      LOG.info("saga completed with error order_id=" + event.orderId() + " error=" + event.error());
    }
  }
}
