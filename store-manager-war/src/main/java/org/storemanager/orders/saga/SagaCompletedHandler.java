package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.SagaCompleted;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.SagaState;

/**
 * SagaCompleted: the order reaches its outcome, which its own path decides ({@link
 * Order#noteSagaCompleted}): COMPLETED, or CANCELLED with the error of the step that failed. One
 * log line like the reference's.
 */
@ApplicationScoped
public class SagaCompletedHandler {

  @Inject OrderSagaSteps orders;
  private static final Logger LOG = Logger.getLogger(SagaCompletedHandler.class.getName());

  void onSagaCompleted(@Observes @Saga(SagaCompleted) SagaEvent event) {
    orders
        .advance(event, Order::noteSagaCompleted)
        .ifPresent(
            order ->
                LOG.info(
                    (order.getSagaState() == SagaState.COMPLETED
                            ? "saga completed "
                            : "saga ended cancelled ")
                        + SagaLog.fields(event)
                        + (order.getSagaError() == null ? "" : " error=" + order.getSagaError())));
  }
}
