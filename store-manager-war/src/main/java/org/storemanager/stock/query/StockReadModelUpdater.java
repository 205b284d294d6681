package org.storemanager.stock.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.storemanager.stock.command.StockLevelRemoved;
import org.storemanager.stock.command.StockLevelsChanged;

/**
 * Keeps the stock read model in step with MySQL. Observers run only after the transaction that
 * fired the event committed ({@code AFTER_SUCCESS}): Redis never shows a rolled-back change. The
 * event already carries the new state (the database is not usable during after-completion).
 */
@ApplicationScoped
public class StockReadModelUpdater {

  @Inject StockReadModel readModel;

  void onStockChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StockLevelsChanged event) {
    event.entries().forEach(readModel::put);
  }

  void onRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) StockLevelRemoved event) {
    readModel.remove(event.productId());
  }
}
