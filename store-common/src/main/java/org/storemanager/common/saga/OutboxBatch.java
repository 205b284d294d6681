package org.storemanager.common.saga;

import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One relay round, in its own transaction (see docs/adr/0005):
 *
 * <ol>
 *   <li>claim up to {@code max} unsent rows with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so two
 *       instances never claim the same row;
 *   <li>keep, per order, only the rows that come first among that order's unsent rows (a row behind
 *       one claimed by another instance waits), so each order's events stay in order;
 *   <li>send them, wait until Kafka acknowledged every one, then mark them sent and commit. Each
 *       send is a {@code publish <Event>} span under the trace context stored with its row ({@link
 *       SagaTracing}).
 * </ol>
 *
 * If Kafka fails, the exception rolls the transaction back: nothing is marked sent and the rows are
 * retried. Rows acknowledged before the failure may then be published twice: consumers ignore event
 * ids they have already processed.
 */
@ApplicationScoped
public class OutboxBatch {

  /** What a round did: rows published, and rows claimed but left for a later round. */
  public record Result(int published, int deferred) {}

  @PersistenceContext EntityManager em;
  @Inject KafkaEventProducer kafka;
  @Inject SagaTracing tracing;

  // rollbackOn: a checked exception (Kafka timeout) must roll back too, which is not the default.
  @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
  public Result publish(int max) throws Exception {
    @SuppressWarnings("unchecked")
    List<Object[]> claimed =
        em.createNativeQuery(
                "SELECT id, aggregate_id, payload, event_type, traceparent FROM outbox_messages"
                    + " WHERE sent_at IS NULL"
                    + " ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED")
            .setParameter("max", max)
            .getResultList();
    if (claimed.isEmpty()) {
      return new Result(0, 0);
    }
    Map<Long, Object[]> claimedById = new LinkedHashMap<>();
    Set<Long> orders = new HashSet<>();
    for (Object[] row : claimed) {
      claimedById.put(((Number) row[0]).longValue(), row);
      orders.add(((Number) row[1]).longValue());
    }
    List<Long> sendable = inOrderPrefix(claimedById.keySet(), orders);

    List<Future<RecordMetadata>> acks = new ArrayList<>(sendable.size());
    List<Span> spans = new ArrayList<>(sendable.size());
    try {
      for (Long id : sendable) {
        Object[] row = claimedById.get(id);
        long orderId = ((Number) row[1]).longValue();
        Span span = tracing.startPublish((String) row[3], orderId, (String) row[4]);
        spans.add(span);
        acks.add(
            kafka.send(String.valueOf(orderId), row[2].toString(), tracing.traceparentOf(span)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(15, TimeUnit.SECONDS); // throws if the broker did not acknowledge
      }
    } catch (Exception e) {
      spans.forEach(span -> SagaTracing.fail(span, e));
      throw e;
    } finally {
      spans.forEach(Span::end);
    }
    if (!sendable.isEmpty()) {
      em.createNativeQuery("UPDATE outbox_messages SET sent_at = :now WHERE id IN (:ids)")
          .setParameter("now", Instant.now())
          .setParameter("ids", sendable)
          .executeUpdate();
    }
    return new Result(sendable.size(), claimed.size() - sendable.size());
  }

  /**
   * The claimed rows that may go now: for each order, its unsent rows (as committed, including
   * those another instance holds) in id order, as long as they are ours.
   */
  private List<Long> inOrderPrefix(Set<Long> claimedIds, Set<Long> orders) {
    @SuppressWarnings("unchecked")
    List<Object[]> unsent =
        em.createNativeQuery(
                "SELECT id, aggregate_id FROM outbox_messages"
                    + " WHERE sent_at IS NULL AND aggregate_id IN (:orders) ORDER BY id")
            .setParameter("orders", orders)
            .getResultList();
    return sendableInOrder(
        claimedIds,
        unsent.stream()
            .map(row -> new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()})
            .toList());
  }

  /**
   * The ordering rule on its own: walking every unsent row ({id, order id}) in id order, a row may
   * go if this round claimed it and no earlier unsent row of its order is held elsewhere.
   */
  static List<Long> sendableInOrder(Set<Long> claimedIds, List<long[]> unsentInIdOrder) {
    Set<Long> blockedOrders = new HashSet<>();
    List<Long> sendable = new ArrayList<>();
    for (long[] row : unsentInIdOrder) {
      long id = row[0];
      long order = row[1];
      if (blockedOrders.contains(order)) {
        continue;
      }
      if (claimedIds.contains(id)) {
        sendable.add(id);
      } else {
        blockedOrders.add(order); // an earlier event of this order is not ours (yet)
      }
    }
    return sendable;
  }

  /**
   * Deletes sent rows and processed-event records older than {@code before}: at most 1000 of each
   * per call; returns the larger of the two counts (the relay calls again while it is 1000).
   */
  @Transactional(TxType.REQUIRES_NEW)
  public int deleteOlderThan(Instant before) {
    int outbox =
        em.createNativeQuery("DELETE FROM outbox_messages WHERE sent_at < :before LIMIT 1000")
            .setParameter("before", before)
            .executeUpdate();
    int processed =
        em.createNativeQuery("DELETE FROM processed_events WHERE processed_at < :before LIMIT 1000")
            .setParameter("before", before)
            .executeUpdate();
    return Math.max(outbox, processed);
  }
}
