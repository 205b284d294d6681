package org.storemanager.orders.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

  private static final Logger LOG = Logger.getLogger(OrderOutboxPrecedence.class.getName());

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "deployment.environment", defaultValue = "production")
  String environment;

  @Override
  public Optional<Set<Long>> unsentBefore(long orderId) {
    return vouch(em.find(Order.class, orderId), "development".equalsIgnoreCase(environment));
  }

  /**
   * The rows before a row of {@code order}, if this transaction may vouch for them. The guarantee
   * rests on one invariant: every writer of an order's outbox rows changes the order. A writer that
   * does not is a bug that could reorder the order's events: in development it fails loudly (its
   * transaction rolls back); elsewhere the row is not vouched for, logged, and the relay reads it
   * back, which keeps the order of events whatever the writer did.
   */
  static Optional<Set<Long>> vouch(Order order, boolean development) {
    if (order == null) {
      return Optional.empty();
    }
    if (!order.changedInThisTransaction()) {
      String problem =
          "an outbox row of order "
              + order.getId()
              + " was written without changing the order: no version check protects the order"
              + " of its events (OrderOutboxPrecedence, ADR 0005)";
      if (development) {
        throw new IllegalStateException(problem);
      }
      LOG.severe(problem + "; the relay reads it back");
      return Optional.empty();
    }
    return order.unsentOutboxRowsAtLoad();
  }
}
