package org.storemanager.orders.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.storemanager.common.saga.SagaMetrics;
import org.storemanager.orders.command.OrderEvents.OrderSagaEnded;

/**
 * Counts each order's end once it committed: {@code saga_orders_ended_total{outcome}} and {@code
 * saga_duration_seconds{outcome}} (from the order's placement to its end).
 */
@ApplicationScoped
public class SagaOutcomeMetrics {

  @Inject SagaMetrics metrics;

  void onEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderSagaEnded ended) {
    metrics.sagaEnded(ended.order().sagaState(), ended.duration().orElse(null));
  }
}
