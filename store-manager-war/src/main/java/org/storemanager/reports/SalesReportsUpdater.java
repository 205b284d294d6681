package org.storemanager.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.storemanager.orders.command.OrderEvents.OrderCompleted;
import org.storemanager.orders.command.OrderEvents.OrderDeleted;
import org.storemanager.orders.model.SagaState;

/**
 * Adjusts the report sorted sets: an order counts once its saga completed, and stops counting when
 * a completed order is deleted. Cancelled orders never count.
 */
@ApplicationScoped
public class SalesReportsUpdater {

  @Inject SalesReports reports;

  void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderCompleted event) {
    reports.apply(event.order(), 1);
  }

  void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderDeleted event) {
    if (SagaState.COMPLETED.name().equals(event.order().sagaState())) {
      reports.apply(event.order(), -1);
    }
  }
}
