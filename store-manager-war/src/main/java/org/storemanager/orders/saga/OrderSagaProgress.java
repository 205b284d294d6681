package org.storemanager.orders.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.storemanager.common.saga.SagaProgress;
import org.storemanager.orders.model.Order;

/**
 * The order's saga state for the inbox record of each event ({@code processed_events.state_after},
 * the order timeline's "state after"). Called by the Inbox after the handlers, in their
 * transaction: every Store Manager handler loaded the order through {@link OrderSagaSteps}, so the
 * order comes from the persistence context, without a query, with the state the handler left.
 */
@ApplicationScoped
public class OrderSagaProgress implements SagaProgress {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<String> stateOf(long orderId) {
    return Optional.ofNullable(em.find(Order.class, orderId)).map(o -> o.getSagaState().name());
  }
}
