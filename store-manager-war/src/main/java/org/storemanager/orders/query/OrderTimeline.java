package org.storemanager.orders.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.saga.OrderEventLog;
import org.storemanager.common.saga.OrderEventLogReader;
import org.storemanager.orders.model.Order;

/**
 * Builds an order's event timeline ({@link OrderTimelineView}) from MySQL, not from the read model:
 * the order itself, this service's outbox and inbox rows of the order, and the payment service's
 * (over REST, {@link PaymentEventLogClient}, at most {@code payment.service.timeout.ms}). Three
 * queries and one HTTP call; nothing is cached, so a refresh shows the saga as it moves.
 */
@ApplicationScoped
public class OrderTimeline {

  @PersistenceContext EntityManager em;
  @Inject OrderEventLogReader ownLog;
  @Inject PaymentEventLogClient payment;

  @Inject
  @ConfigProperty(name = "outbox.retention.hours", defaultValue = "168")
  long retentionHours;

  /**
   * The order's timeline, or empty if there is no such order; {@code authorization} goes on. A
   * deleted order still has one while its outbox rows are kept (its saga state is then null, its
   * placement the time of its first event): what happened to its payment after the delete, a refund
   * say, shows there.
   */
  public Optional<OrderTimelineView> of(long orderId, String authorization) {
    Order order = em.find(Order.class, orderId);
    OrderEventLog own = ownLog.read(orderId);
    if (order == null && own.published().isEmpty()) {
      return Optional.empty();
    }
    String sagaState = order == null ? null : order.getSagaState().name();
    Instant placedAt =
        order != null ? order.getCreatedAt() : Instant.parse(own.published().get(0).createdAt());
    List<OrderEventLog> logs = new ArrayList<>(List.of(own));
    PaymentEventLogClient.Answer remote = payment.fetch(orderId, authorization);
    if (remote.log() != null) {
      logs.add(remote.log());
    }
    return Optional.of(
        OrderTimelineView.assemble(
            orderId, sagaState, placedAt, retentionHours, Instant.now(), logs, remote.missing()));
  }
}
