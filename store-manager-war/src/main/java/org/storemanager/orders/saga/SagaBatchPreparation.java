package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.OrderCreated;
import static org.storemanager.common.saga.EventType.PaymentCreationFailed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.storemanager.common.saga.Inbox;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.stock.command.StockService;

/**
 * Prepares a batch of saga events that a lane delivers in one transaction ({@link
 * Inbox.BatchOpened}), before the first handler runs:
 *
 * <ul>
 *   <li>locks, in product-id order, the stock rows that its OrderCreated (take out) and
 *       PaymentCreationFailed (put back) events will change. Without it, a batch would lock rows
 *       order after order, out of product order, and at high rates two lanes' batches deadlocked
 *       (each rolled back, then replayed one event at a time: measured 19 in one minute at 60
 *       orders/s);
 *   <li>loads the batch's orders in one statement instead of one per event.
 * </ul>
 *
 * Both only when the batch holds two orders or more: one order's handler already locks in product
 * order and loads its order once.
 */
@ApplicationScoped
public class SagaBatchPreparation {

  @Inject StockService stock;
  @Inject OrderSagaSteps orders;

  void onBatchOpened(@Observes Inbox.BatchOpened batch) {
    Set<Long> orderIds =
        batch.events().stream().map(SagaEvent::orderId).collect(Collectors.toSet());
    if (orderIds.size() < 2) {
      return;
    }
    Set<Long> products = new TreeSet<>();
    for (SagaEvent event : batch.events()) {
      if (event.type() == OrderCreated || event.type() == PaymentCreationFailed) {
        products.addAll(OrderSagaSteps.quantities(event).keySet());
      }
    }
    stock.lockInProductOrder(products);
    orders.loadAll(orderIds);
  }
}
