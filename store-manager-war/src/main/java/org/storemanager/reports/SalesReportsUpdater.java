package org.storemanager.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.storemanager.orders.command.OrderEvents.OrderDeleted;
import org.storemanager.orders.command.OrderEvents.OrderPlaced;

/** Adjusts the report sorted sets by each committed order placement or deletion. */
@ApplicationScoped
public class SalesReportsUpdater {

  @Inject SalesReports reports;

  void onPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced event) {
    reports.apply(event.order(), 1);
  }

  void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderDeleted event) {
    reports.apply(event.order(), -1);
  }
}
