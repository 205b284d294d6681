package org.storemanager.orders.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import org.storemanager.common.saga.OutboxPrecedence;
import org.storemanager.orders.model.Order;

/**
 * Vouches for the rows before each Store Manager outbox row, so the relay sends it without reading
 * it back (ADR 0005, "rows the writer vouches for"). Every writer of an order's rows changes the
 * order in the same transaction: a saga step or the deadline moves it, {@code DELETE /orders}
 * removes it, each with the order's version check; {@code POST /orders} creates it. So the unsent
 * rows read with the order ({@link Order#unsentOutboxRowsAtLoad}) are all the rows that can come
 * before: a writer that committed one since would have changed the version, and this transaction
 * would fail. The order is in the persistence context already (the step loaded or created it): no
 * statement.
 */
@ApplicationScoped
public class OrderOutboxPrecedence implements OutboxPrecedence {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<Set<Long>> unsentBefore(long orderId) {
    Order order = em.find(Order.class, orderId);
    return order == null ? Optional.empty() : order.unsentOutboxRowsAtLoad();
  }
}
