package org.storemanager.common.saga;

import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The relay's two ways of publishing outbox rows (see docs/adr/0005):
 *
 * <ul>
 *   <li><b>Right after commit</b> ({@link #publishCommitted}): the rows this instance has just
 *       committed, known by id. No transaction and no lock: one {@code SELECT} by primary key says
 *       which are ready, and they are sent. They are marked sent later, many in one {@code UPDATE}
 *       ({@link #markSent}; both in autocommit): the relay keeps the ids it published and marks
 *       them every few hundred milliseconds, so a round costs one statement, not two. Only this
 *       instance knows these ids, so nobody else publishes them, except the claim below once they
 *       are older than the grace period. A row stays back while an earlier row of its order is
 *       unsent (a concurrent writer's: the saga deadline, another instance), so each order's events
 *       stay in order; it is tried again in the next round. An earlier row that this instance has
 *       published and not marked yet does not hold it back.
 *   <li><b>From memory</b> ({@link #publishKnown}): rows whose writer vouched for the rows before
 *       them ({@link OutboxPrecedence}) and that the relay found free to go: no statement at all.
 *   <li><b>The claim</b> ({@link #publishClaimed}), the safety net, in its own transaction: rows
 *       left unsent longer than the grace period (their instance crashed before sending, or Kafka
 *       failed), the first unsent row of each order, with {@code SELECT ... FOR UPDATE SKIP
 *       LOCKED}. Two instances never claim the same row, and a row behind an earlier unsent one
 *       waits. One statement does both: its subqueries read without locks, so they see the rows
 *       other instances hold. It takes one row per order; when a claimed row's order has more
 *       unsent rows, the result says so ({@link Result#deferred}) and the relay runs another claim.
 * </ul>
 *
 * Both wait until Kafka acknowledged every row sent before marking it sent. Each send is a {@code
 * publish <Event>} span under the trace context stored with its row ({@link SagaTracing}). If Kafka
 * fails, nothing is marked sent and the rows are published again later. A row can therefore reach
 * the topic twice (acknowledged before a failure, or sent by both ways when its instance was slower
 * than the grace period): consumers ignore event ids they have already processed.
 */
@ApplicationScoped
public class OutboxBatch {

  /**
   * What a round did: rows published; for a claim, orders whose next unsent row is left for another
   * round; for rows published after commit, the ids that wait behind an earlier unsent row, and
   * those published, with when Kafka acknowledged them (to mark them sent: {@link #markSent}).
   */
  public record Result(
      int published, int deferred, List<Long> waiting, Map<Long, Instant> acknowledged) {
    Result(int published, int deferred) {
      this(published, deferred, List.of(), Map.of());
    }
  }

  /**
   * A row the relay can send without reading it back: the writer vouched that {@code unsentBefore}
   * are all the unsent rows of its order that come before it ({@link OutboxPrecedence}).
   */
  public record Row(
      long id,
      long aggregateId,
      String payload,
      String eventType,
      String traceparent,
      boolean handledByPublisher,
      Set<Long> unsentBefore) {}

  /** The claim: {@code :before} is the grace period's start, {@code :max} the batch size. */
  public static final String CLAIM =
      "SELECT o.id, o.aggregate_id, o.payload, o.event_type, o.traceparent,"
          + " o.handled_by_publisher,"
          + " EXISTS (SELECT 1 FROM outbox_messages n WHERE n.sent_at IS NULL"
          + " AND n.aggregate_id = o.aggregate_id AND n.id > o.id) AS more"
          + " FROM outbox_messages o"
          + " WHERE o.sent_at IS NULL AND o.created_at < :before"
          + " AND NOT EXISTS (SELECT 1 FROM outbox_messages e WHERE e.sent_at IS NULL"
          + " AND e.aggregate_id = o.aggregate_id AND e.id < o.id)"
          + " ORDER BY o.id LIMIT :max FOR UPDATE SKIP LOCKED";

  /**
   * Rows just committed, by id ({@code %s}: one {@code ?} per id): whether each is sent already,
   * and the ids of the earlier rows of its order still unsent (comma-separated; null if none).
   */
  public static final String COMMITTED =
      "SELECT o.id, o.aggregate_id, o.payload, o.event_type, o.traceparent,"
          + " o.handled_by_publisher, o.sent_at IS NOT NULL AS sent,"
          + " (SELECT GROUP_CONCAT(e.id) FROM outbox_messages e WHERE e.sent_at IS NULL"
          + " AND e.aggregate_id = o.aggregate_id AND e.id < o.id) AS earlier"
          + " FROM outbox_messages o WHERE o.id IN (%s) ORDER BY o.id";

  /** Rows marked sent per statement, at most. */
  static final int MARKS_PER_STATEMENT = 200;

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  @PersistenceContext EntityManager em;
  @Inject KafkaEventProducer kafka;
  @Inject SagaTracing tracing;

  /** Never joins a transaction: its connections stay in autocommit (liberty-config). */
  @Resource(lookup = "jdbc/relayDS")
  DataSource autocommit;

  /**
   * Publishes rows this instance committed ({@code ids}), except those already sent or waiting
   * behind an earlier unsent row of their order ({@link Result#waiting}); an earlier row that
   * {@code sentHere} (published here, not marked yet, or marked lately) counts as sent. Outside any
   * transaction: one statement in autocommit, whatever the number of rows. Marks nothing: the
   * caller marks the rows acknowledged ({@link Result#acknowledged}) with {@link #markSent}.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Result publishCommitted(List<Long> ids, LongPredicate sentHere) throws Exception {
    if (ids.isEmpty()) {
      return new Result(0, 0);
    }
    String in = String.join(",", Collections.nCopies(ids.size(), "?"));
    List<Object[]> ready = new ArrayList<>(ids.size());
    List<Long> waiting = new ArrayList<>();
    try (Connection connection = autocommit.getConnection();
        PreparedStatement select = connection.prepareStatement(COMMITTED.formatted(in))) {
      bind(select, 1, ids);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          if (row.getBoolean(7)) {
            continue; // sent already (by the claim)
          }
          if (!allIn(row.getString(8), sentHere)) {
            waiting.add(row.getLong(1));
            continue;
          }
          ready.add(
              new Object[] {
                row.getLong(1),
                row.getLong(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getBoolean(6)
              });
        }
      }
    }
    if (ready.isEmpty()) {
      return new Result(0, 0, waiting, Map.of());
    }
    List<Long> sent = send(ready);
    return new Result(sent.size(), 0, waiting, acknowledgedNow(sent));
  }

  /**
   * Publishes rows known from their writers ({@link Row}), whose earlier rows are all sent: no
   * statement at all. Marks nothing, like {@link #publishCommitted}.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public Result publishKnown(List<Row> rows) throws Exception {
    if (rows.isEmpty()) {
      return new Result(0, 0);
    }
    List<Object[]> sendable = new ArrayList<>(rows.size());
    for (Row row : rows) {
      sendable.add(
          new Object[] {
            row.id(),
            row.aggregateId(),
            row.payload(),
            row.eventType(),
            row.traceparent(),
            row.handledByPublisher()
          });
    }
    List<Long> sent = send(sendable);
    return new Result(sent.size(), 0, List.of(), acknowledgedNow(sent));
  }

  /** The rows Kafka just acknowledged, each with now. */
  private static Map<Long, Instant> acknowledgedNow(List<Long> sent) {
    Instant now = Instant.now();
    Map<Long, Instant> acknowledged = new LinkedHashMap<>();
    sent.forEach(id -> acknowledged.put(id, now));
    return acknowledged;
  }

  /** Whether every id of a comma-separated list (null: none) is one of {@code ids}. */
  private static boolean allIn(String list, LongPredicate ids) {
    if (list == null || list.isEmpty()) {
      return true;
    }
    for (String id : list.split(",")) {
      if (!ids.test(Long.parseLong(id.trim()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Marks published rows sent, each with when Kafka acknowledged it: one {@code UPDATE} in
   * autocommit per {@value #MARKS_PER_STATEMENT} rows.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public void markSent(Map<Long, Instant> acknowledged) throws SQLException {
    List<Map.Entry<Long, Instant>> rows = new ArrayList<>(acknowledged.entrySet());
    try (Connection connection = autocommit.getConnection()) {
      for (int from = 0; from < rows.size(); from += MARKS_PER_STATEMENT) {
        List<Map.Entry<Long, Instant>> chunk =
            rows.subList(from, Math.min(rows.size(), from + MARKS_PER_STATEMENT));
        String cases = String.join(" ", Collections.nCopies(chunk.size(), "WHEN ? THEN ?"));
        String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE outbox_messages SET sent_at = CASE id "
                    + cases
                    + " END WHERE id IN ("
                    + in
                    + ")")) {
          int p = 1;
          for (Map.Entry<Long, Instant> row : chunk) {
            update.setLong(p++, row.getKey());
            update.setTimestamp(p++, Timestamp.from(row.getValue()), Calendar.getInstance(UTC));
          }
          for (Map.Entry<Long, Instant> row : chunk) {
            update.setLong(p++, row.getKey());
          }
          update.executeUpdate();
        }
      }
    }
  }

  /** One claim round of rows unsent since before {@code before} (the safety net). */
  // rollbackOn: a checked exception (Kafka timeout) must roll back too, which is not the default.
  @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
  public Result publishClaimed(int max, Instant before) throws Exception {
    @SuppressWarnings("unchecked")
    List<Object[]> claimed =
        em.createNativeQuery(CLAIM)
            .setParameter("before", before)
            .setParameter("max", max)
            .getResultList();
    if (claimed.isEmpty()) {
      return new Result(0, 0);
    }
    int more = (int) claimed.stream().filter(row -> truthy(row[6])).count();
    List<Long> ids = send(claimed);
    em.createNativeQuery("UPDATE outbox_messages SET sent_at = :now WHERE id IN (:ids)")
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .executeUpdate();
    return new Result(ids.size(), more);
  }

  /**
   * Sends rows {@code [id, order id, payload, event type, traceparent, handled by publisher, ...]}
   * and waits until Kafka acknowledged every one; returns their ids. Throws if one was not
   * acknowledged.
   */
  private List<Long> send(List<Object[]> rows) throws Exception {
    List<Long> ids = new ArrayList<>(rows.size());
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    List<Span> spans = new ArrayList<>(rows.size());
    try {
      for (Object[] row : rows) {
        ids.add(((Number) row[0]).longValue());
        long orderId = ((Number) row[1]).longValue();
        Span span = tracing.startPublish((String) row[3], orderId, (String) row[4]);
        spans.add(span);
        acks.add(
            kafka.send(
                String.valueOf(orderId),
                row[2].toString(),
                tracing.traceparentOf(span),
                truthy(row[5])));
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
    return ids;
  }

  /** A SQL boolean as the driver returns it in a native query (Boolean, or a number). */
  private static boolean truthy(Object value) {
    return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
  }

  private static void bind(PreparedStatement statement, int first, List<Long> ids)
      throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      statement.setLong(first + i, ids.get(i));
    }
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
