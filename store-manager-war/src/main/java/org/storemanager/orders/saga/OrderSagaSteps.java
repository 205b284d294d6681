package org.storemanager.orders.saga;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.storemanager.common.saga.SagaEvent;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.orders.command.OrderEvents.OrderCompleted;
import org.storemanager.orders.command.OrderEvents.OrderSagaEnded;
import org.storemanager.orders.command.OrderEvents.OrderUpdated;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.OrderView;
import org.storemanager.orders.model.SagaMoveRefused;
import org.storemanager.orders.model.SagaState;

/**
 * What every Store Manager saga handler does to the order: load it, change it, and tell the read
 * model (after commit). Runs in the handler's transaction.
 */
@ApplicationScoped
public class OrderSagaSteps {

  private static final Logger LOG = Logger.getLogger(OrderSagaSteps.class.getName());

  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transaction;
  @Inject Event<OrderUpdated> updated;
  @Inject Event<OrderCompleted> completed;
  @Inject Event<OrderSagaEnded> ended;

  /**
   * Whether the event's order exists and has an edge for this event: a handler whose step must
   * happen before it knows which edge it takes (OrderCreated: taken or short) asks first.
   */
  @Transactional(TxType.MANDATORY)
  public boolean accepts(SagaEvent event) {
    Order order = load(event.orderId());
    if (order == null || order.getSagaState().targets(event.type()).isEmpty()) {
      LOG.warning(
          "saga event ignored "
              + SagaLog.fields(event)
              + (order == null
                  ? ": the order no longer exists"
                  : ": the order is " + order.getSagaState()));
      return false;
    }
    return true;
  }

  /**
   * Applies {@code move} (one of the order's {@code note*} methods) to the event's order and, after
   * commit, publishes the new view. Empty, and nothing changes, if the order no longer exists or if
   * the order refused the move (a late or replayed event): the handler then skips its step.
   */
  @Transactional(TxType.MANDATORY)
  public Optional<Order> advance(SagaEvent event, Consumer<Order> move) {
    Order order = load(event.orderId());
    if (order == null) {
      LOG.warning("saga event ignored " + SagaLog.fields(event) + ": the order no longer exists");
      return Optional.empty();
    }
    try {
      return Optional.of(apply(order, move));
    } catch (SagaMoveRefused refused) {
      LOG.warning("saga event ignored " + SagaLog.fields(event) + ": " + refused.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Applies {@code move} to a loaded order; tells the read model (and the reports, once, when the
   * order becomes COMPLETED) after commit. The deadline timer uses it too. Nothing is written yet:
   * the order's UPDATE runs when the transaction flushes (the {@code Inbox} does once the event and
   * its follow-ups are handled), so a step and its follow-ups write the order once. The read model
   * is told once per transaction, with the view the commit gave ({@link OrderUpdated}).
   */
  @Transactional(TxType.MANDATORY)
  public Order apply(Order order, Consumer<Order> move) {
    boolean wasCompleted = order.getSagaState() == SagaState.COMPLETED;
    boolean wasEnded = order.getSagaState().isTerminal();
    move.accept(order);
    String told = "order-updated:" + order.getId();
    if (transaction.getResource(told) == null) {
      transaction.putResource(told, Boolean.TRUE);
      updated.fire(new OrderUpdated(order));
    }
    if (!wasCompleted && order.getSagaState() == SagaState.COMPLETED) {
      // once: the reports count the order from now on
      completed.fire(new OrderCompleted(OrderView.of(order)));
    }
    if (!wasEnded && order.getSagaState().isTerminal()) {
      ended.fire(new OrderSagaEnded(OrderView.of(order), order.sagaAge(Instant.now())));
    }
    return order;
  }

  /**
   * The order with its items, in one statement: every step's view of the order ({@link
   * OrderView#of}) reads the items. From the persistence context, without a statement, if this
   * transaction has loaded it already.
   */
  private Order load(long orderId) {
    return em.find(
        Order.class,
        orderId,
        Map.of("jakarta.persistence.loadgraph", em.getEntityGraph(Order.WITH_ITEMS)));
  }

  /**
   * Loads the orders of {@code orderIds}, with their items, in one statement: each step of a saga
   * batch then finds its order in the persistence context ({@link #load}).
   */
  @Transactional(TxType.MANDATORY)
  public void loadAll(Collection<Long> orderIds) {
    em.createQuery(
            "select distinct o from Order o left join fetch o.items where o.id in :ids",
            Order.class)
        .setParameter("ids", orderIds)
        .getResultList();
  }

  /** The event's order lines as product id -> quantity. */
  public static Map<Long, Integer> quantities(SagaEvent event) {
    return event.orderItems().stream()
        .collect(
            Collectors.toMap(SagaEvent.Item::productId, SagaEvent.Item::quantity, Integer::sum));
  }
}
