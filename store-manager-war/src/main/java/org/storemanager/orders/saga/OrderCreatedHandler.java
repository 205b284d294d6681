package org.storemanager.orders.saga;

import static org.storemanager.common.saga.EventType.OrderCreated;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.Saga;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.stock.command.StockService;

/**
 * OrderCreated: take the order's units out of stock, all or nothing; then StockDecreased, or
 * StockDecreaseFailed with the shortage. The step is the stock domain's ({@code StockService}, its
 * port); the handler is the order's, like every handler of the Store Manager.
 */
@ApplicationScoped
public class OrderCreatedHandler {

  @Inject OrderSagaSteps orders;
  @Inject Outbox outbox;
  @Inject StockService stock;

  void onOrderCreated(@Observes @Saga(OrderCreated) SagaEvent event) {
    Map<Long, Integer> lines = OrderSagaSteps.quantities(event);
    // Checked first (without a lock): a late copy must not even try to take stock.
    if (!orders.accepts(event)) {
      return;
    }
    Optional<String> shortage = stock.takeOutIfAvailable(lines);
    orders
        .advance(
            event, order -> shortage.ifPresentOrElse(order::noteStockShort, order::noteStockTaken))
        .orElseThrow(() -> new IllegalStateException("order changed while its stock was taken"));
    outbox.add(
        shortage
            .map(reason -> event.next(EventType.StockDecreaseFailed).withError(reason))
            .orElseGet(() -> event.next(EventType.StockDecreased)));
  }
}
