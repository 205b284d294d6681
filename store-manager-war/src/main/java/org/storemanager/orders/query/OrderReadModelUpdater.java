package org.storemanager.orders.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.storemanager.orders.command.OrderEvents.OrderDeleted;
import org.storemanager.orders.command.OrderEvents.OrderPlaced;
import org.storemanager.orders.command.OrderEvents.OrderUpdated;

/** Writes committed order changes to the order read model (after commit, never before). */
@ApplicationScoped
public class OrderReadModelUpdater {

  @Inject OrderReadModel readModel;

  void onPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced event) {
    readModel.put(event.order());
  }

  void onUpdated(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderUpdated event) {
    readModel.put(event.order());
  }

  void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderDeleted event) {
    readModel.remove(event.order().orderId());
  }
}
