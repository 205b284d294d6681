package org.storemanager.orders.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.orders.command.OrderEvents.OrderCompleted;
import org.storemanager.orders.command.OrderEvents.OrderUpdated;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.SagaState;
import org.storemanager.orders.query.OrderView;

/**
 * What every Store Manager saga handler does to the order: load it, change it, and tell the read
 * model (after commit). Runs in the handler's transaction.
 */
@ApplicationScoped
public class OrderSagaSteps {

  private static final Logger LOG = Logger.getLogger(OrderSagaSteps.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Event<OrderUpdated> updated;
  @Inject Event<OrderCompleted> completed;

  /**
   * Moves the event's order to {@code state}. Empty, and nothing changes, if the order no longer
   * exists or if the state machine has no such edge from where the order is (a late or replayed
   * event): the handler then skips its step.
   */
  @Transactional(TxType.MANDATORY)
  public Optional<Order> advance(SagaEvent event, SagaState state) {
    return advance(event, state, order -> order.advance(state));
  }

  /** {@link #advance(SagaEvent, SagaState)}, applying {@code change} to make the move. */
  @Transactional(TxType.MANDATORY)
  public Optional<Order> advance(SagaEvent event, SagaState state, Consumer<Order> change) {
    Order order = em.find(Order.class, event.orderId());
    if (order != null && !order.getSagaState().canMoveTo(state)) {
      LOG.warning(
          "Ignored "
              + event.event()
              + " "
              + event.eventId()
              + ": order "
              + event.orderId()
              + " is "
              + order.getSagaState()
              + ", not a state it can leave for "
              + state);
      return Optional.empty();
    }
    return change(event, change);
  }

  /**
   * Applies {@code change} (no state transition, e.g. paid) to the event's order and publishes the
   * new view after commit.
   */
  @Transactional(TxType.MANDATORY)
  public Optional<Order> change(SagaEvent event, Consumer<Order> change) {
    Order order = em.find(Order.class, event.orderId());
    if (order == null) {
      LOG.warning(event.event() + " for order " + event.orderId() + ", which no longer exists");
      return Optional.empty();
    }
    boolean wasCompleted = order.getSagaState() == SagaState.COMPLETED;
    change.accept(order);
    em.flush(); // bumps the version the view carries
    OrderView view = OrderView.of(order);
    updated.fire(new OrderUpdated(view));
    if (!wasCompleted && order.getSagaState() == SagaState.COMPLETED) {
      completed.fire(new OrderCompleted(view)); // once: the reports count the order from now on
    }
    return Optional.of(order);
  }

  /** The event's order lines as product id -> quantity. */
  public static Map<Long, Integer> quantities(SagaEvent event) {
    return event.orderItems().stream()
        .collect(
            Collectors.toMap(SagaEvent.Item::productId, SagaEvent.Item::quantity, Integer::sum));
  }
}
