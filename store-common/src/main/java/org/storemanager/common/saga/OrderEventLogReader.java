package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads this service's {@link OrderEventLog} of one order: two indexed queries ({@code
 * outbox_messages.aggregate_id}, {@code processed_events.order_id}), no transaction. Inbox rows
 * written before the order id was recorded (schema migration "saga timeline") have none and do not
 * show.
 */
@ApplicationScoped
public class OrderEventLogReader {

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  public OrderEventLog read(long orderId) {
    List<OrderEventLog.Published> published =
        em.createQuery(
                "select m.eventId, m.eventType, m.createdAt, m.sentAt from OutboxMessage m"
                    + " where m.aggregateId = :order order by m.id",
                Object[].class)
            .setParameter("order", orderId)
            .getResultStream()
            .map(
                row ->
                    new OrderEventLog.Published(
                        (String) row[0], (String) row[1], text(row[2]), text(row[3])))
            .toList();
    List<OrderEventLog.Processed> processed =
        em.createQuery(
                "select p.eventId, p.eventType, p.processedAt, p.stateAfter from ProcessedEvent p"
                    + " where p.orderId = :order order by p.processedAt, p.eventId",
                Object[].class)
            .setParameter("order", orderId)
            .getResultStream()
            .map(
                row ->
                    new OrderEventLog.Processed(
                        (String) row[0], (String) row[1], text(row[2]), (String) row[3]))
            .toList();
    return new OrderEventLog(orderId, serviceName, published, processed);
  }

  private static String text(Object instant) {
    return instant == null ? null : ((Instant) instant).toString();
  }
}
