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
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One relay round, in its own transaction (see docs/adr/0005):
 *
 * <ol>
 *   <li>claim up to {@code max} unsent rows that come first among their order's unsent rows, with
 *       {@code SELECT ... FOR UPDATE SKIP LOCKED}: two instances never claim the same row, and a
 *       row behind an earlier unsent one (committed, even if another instance holds it) waits, so
 *       each order's events stay in order. One statement does both: its subqueries read without
 *       locks, so they see the rows other instances hold;
 *   <li>send them, wait until Kafka acknowledged every one, then mark them sent and commit. Each
 *       send is a {@code publish <Event>} span under the trace context stored with its row ({@link
 *       SagaTracing}).
 * </ol>
 *
 * A round takes one row per order; when a claimed row's order has more unsent rows, the result says
 * so ({@link Result#deferred}) and the relay runs another round at once.
 *
 * <p>If Kafka fails, the exception rolls the transaction back: nothing is marked sent and the rows
 * are retried. Rows acknowledged before the failure may then be published twice: consumers ignore
 * event ids they have already processed.
 */
@ApplicationScoped
public class OutboxBatch {

  /**
   * What a round did: rows published, and orders whose next unsent row is left for another round.
   */
  public record Result(int published, int deferred) {}

  public static final String CLAIM =
      "SELECT o.id, o.aggregate_id, o.payload, o.event_type, o.traceparent,"
          + " EXISTS (SELECT 1 FROM outbox_messages n WHERE n.sent_at IS NULL"
          + " AND n.aggregate_id = o.aggregate_id AND n.id > o.id) AS more"
          + " FROM outbox_messages o"
          + " WHERE o.sent_at IS NULL"
          + " AND NOT EXISTS (SELECT 1 FROM outbox_messages e WHERE e.sent_at IS NULL"
          + " AND e.aggregate_id = o.aggregate_id AND e.id < o.id)"
          + " ORDER BY o.id LIMIT :max FOR UPDATE SKIP LOCKED";

  @PersistenceContext EntityManager em;
  @Inject KafkaEventProducer kafka;
  @Inject SagaTracing tracing;

  // rollbackOn: a checked exception (Kafka timeout) must roll back too, which is not the default.
  @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
  public Result publish(int max) throws Exception {
    @SuppressWarnings("unchecked")
    List<Object[]> claimed = em.createNativeQuery(CLAIM).setParameter("max", max).getResultList();
    if (claimed.isEmpty()) {
      return new Result(0, 0);
    }
    List<Long> ids = new ArrayList<>(claimed.size());
    List<Future<RecordMetadata>> acks = new ArrayList<>(claimed.size());
    List<Span> spans = new ArrayList<>(claimed.size());
    int more = 0;
    try {
      for (Object[] row : claimed) {
        ids.add(((Number) row[0]).longValue());
        long orderId = ((Number) row[1]).longValue();
        if (((Number) row[5]).intValue() != 0) {
          more++;
        }
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
    em.createNativeQuery("UPDATE outbox_messages SET sent_at = :now WHERE id IN (:ids)")
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .executeUpdate();
    return new Result(ids.size(), more);
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
