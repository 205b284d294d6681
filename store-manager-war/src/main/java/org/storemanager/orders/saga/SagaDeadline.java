package org.storemanager.orders.saga;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.Outbox;
import org.storemanager.common.saga.SagaBacklog;
import org.storemanager.common.saga.SagaLog;
import org.storemanager.orders.command.OrderService;
import org.storemanager.orders.model.Order;
import org.storemanager.orders.model.SagaState;
import org.storemanager.stock.command.StockService;

/**
 * The saga deadline: an order whose saga has made no progress for {@code saga.deadline.seconds} is
 * compensated and ended ({@link Order#expire}): its units go back to stock if it holds them, the
 * payment service voids its payment (OrderCancelled), and it ends CANCELLED with an error naming
 * the step it was stuck at.
 *
 * <p>It measures lack of progress, not age (issue 29). The clock of an order is its last saga move
 * ({@code state_changed_at}), or the moment its last event reached Kafka if that is later (an event
 * the relay could not publish yet, or published just now, is progress still on its way). And while
 * this instance cannot reach Kafka, and for {@code saga.deadline.after-outage.seconds} after Kafka
 * answers again ({@link SagaBacklog#kafkaSteadyFor}), no round runs: the events of an outage are
 * about to be handled, and an outage longer than the deadline does not cancel every order in flight
 * on recovery (docs/reliability.md).
 *
 * <p>Safe with several instances: each round claims up to {@value #BATCH} overdue orders with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in its transaction, so two instances never expire the
 * same order, and the state is checked again under the lock (an order that ended meanwhile is no
 * longer selected). A saga handler racing with the deadline fails on the order's version and its
 * event is then refused by the state machine.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
public class SagaDeadline {

  private static final Logger LOG = Logger.getLogger(SagaDeadline.class.getName());
  static final int BATCH = 50;

  @PersistenceContext EntityManager em;
  @Inject OrderSagaSteps orders;
  @Inject StockService stock;
  @Inject Outbox outbox;
  @Resource TimerService timers;
  @Resource SessionContext context;

  @Inject
  @ConfigProperty(name = "saga.deadline.seconds", defaultValue = "120")
  long deadlineSeconds;

  @Inject
  @ConfigProperty(name = "saga.deadline.check.seconds", defaultValue = "5")
  long checkSeconds;

  @Inject
  @ConfigProperty(name = "saga.deadline.after-outage.seconds", defaultValue = "30")
  long afterOutageSeconds;

  @Inject SagaBacklog backlog;

  @PostConstruct
  void start() {
    long every = Duration.ofSeconds(checkSeconds).toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig("saga deadline", false));
  }

  /**
   * Each tick runs one round in a transaction of its own (through the container, so that the round
   * is a business method). A round that fails, the database being down for example, is logged and
   * the next tick tries again: nothing leaves the timeout method. Seen in CI on 2026-12-03: after
   * the round threw during a database outage (and once more on the container's retry), the timer
   * expired no order again, and SagaFaultIT's overdue order stayed stuck.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void onTick() {
    try {
      context.getBusinessObject(SagaDeadline.class).expireOverdue();
    } catch (RuntimeException e) {
      LOG.warning("Saga deadline round failed, the next one retries: " + e);
    }
  }

  /** One round, one transaction: expires the overdue orders it could claim. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void expireOverdue() {
    if (!backlog.kafkaSteadyFor(Duration.ofSeconds(afterOutageSeconds))) {
      return; // Kafka is down or just came back: the saga could not progress, nothing is overdue
    }
    Instant stuckSince = Instant.now().minusSeconds(deadlineSeconds);
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select o.id from orders o where o.saga_state not in ('COMPLETED', 'CANCELLED')"
                    + " and o.state_changed_at < ?1"
                    + " and not exists (select 1 from outbox_messages m where m.aggregate_id = o.id"
                    + " and (m.sent_at is null or m.sent_at >= ?1))"
                    + " order by o.state_changed_at limit "
                    + BATCH
                    + " for update skip locked")
            .setParameter(1, stuckSince)
            .getResultList();
    for (Number id : ids) {
      expire(em.find(Order.class, id.longValue()));
    }
  }

  private void expire(Order order) {
    if (order == null || order.getSagaState().isTerminal()) {
      return;
    }
    Order.Expiry[] expiry = new Order.Expiry[1];
    orders.apply(order, o -> expiry[0] = o.expire(deadlineSeconds + " s"));
    if (expiry[0].returnStock()) {
      stock.putBack(OrderService.quantities(order));
    }
    if (expiry[0].voidPayment()) {
      outbox.add(
          OrderService.event(EventType.OrderCancelled, order).withError(order.getSagaError()));
    }
    LOG.warning(
        "saga deadline "
            + SagaLog.fields(
                order.getId(),
                order.getCorrelationId(),
                expiry[0].voidPayment() ? "OrderCancelled" : "none")
            + " step="
            + expiry[0].step()
            + " outcome="
            + order.getSagaState()
            + (order.getSagaState() == SagaState.CANCELLED
                ? " units_returned=" + expiry[0].returnStock()
                : ""));
  }
}
