package org.storemanager.common.saga;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Delivers one saga event to this service's handlers, exactly once in effect: the record that the
 * event was processed and everything the handlers do (state changes, outbox rows) commit in one
 * transaction, or nothing does.
 *
 * <p>The record also keeps the order's saga state after the handlers, if this service has one
 * ({@link SagaProgress}): read in the same transaction, so it is the state those effects committed.
 * The record is therefore inserted after the handlers ran, and nothing is read before (the records
 * of one transaction, and the rows its handlers changed, are written at one flush at its end, the
 * records in one multi-row INSERT): a copy of an event already processed (a redelivery, a replay,
 * two copies at once) runs the handlers, then its INSERT fails on the primary key and rolls back
 * everything they did. The {@link SagaEventDispatcher} then finds the record ({@link #processed})
 * and skips the copy. Copies are rare, so a lookup before every event would cost far more than this
 * rollback.
 *
 * <p>Events that waited together in a lane are delivered together ({@link #deliverAll}): one
 * transaction, one commit. A copy among them rolls back the whole batch, and the dispatcher then
 * delivers each event on its own. Before their handlers run, a {@link BatchOpened} tells the
 * service what the batch holds, so it can prepare it in one go: take the locks its handlers will
 * need in one global order (two lanes' batches then never deadlock), load what they will read.
 *
 * <p><b>Follow-ups are handled at once.</b> When a handler publishes an event that this service
 * handles too (the Store Manager's StockDecreased, SagaCompleted, ...), that event's handlers run
 * right after, in the same transaction, and its record is inserted there: the {@link Outbox} asks
 * {@link #takeOver}, and marks the row, whose Kafka record then says so ({@code handled-by}). When
 * the record comes back from the topic, this service skips it without a statement: its effects
 * committed with the row that published it (ADR 0006, "follow-ups"). The other service still
 * handles the record as usual. Events written outside a delivery (a REST call's OrderCreated, the
 * saga deadline's OrderCancelled) take the topic, as before.
 */
@ApplicationScoped
public class Inbox {

  @PersistenceContext EntityManager em;
  @Inject Event<SagaEvent> events;
  @Inject Instance<SagaProgress> progress;
  @Inject Event<BatchOpened> batchOpened;
  @Inject BeanManager beanManager;
  @Inject SagaTracing tracing;

  /** The follow-ups of the delivery running on this thread; none outside a delivery. */
  private final ThreadLocal<Deque<SagaEvent>> followUps = new ThreadLocal<>();

  private final Map<EventType, Boolean> handledHere = new ConcurrentHashMap<>();

  /**
   * Fired in a batch's transaction before its first handler runs, with the batch's events in their
   * order; never for an event delivered on its own.
   */
  public record BatchOpened(List<SagaEvent> events) {}

  /**
   * Runs the handlers and records the event, then its follow-ups; fails on the primary key if it
   * was processed. Returns the follow-ups handled, once committed.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public List<SagaEvent> deliver(SagaEvent event) {
    List<SagaEvent> handled = new ArrayList<>();
    record(event, handled);
    em.flush(); // a copy of a processed event fails here, on the primary key, and rolls back
    return handled;
  }

  /**
   * Delivers several events, in their order, in one transaction: all of them commit, or none. The
   * handlers of event {@code i} run in {@code context.apply(i)} (its trace span), so what they
   * write carries that event's trace. Returns the follow-ups handled, once committed.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public List<SagaEvent> deliverAll(List<SagaEvent> batch, IntFunction<Scope> context) {
    batchOpened.fire(new BatchOpened(List.copyOf(batch)));
    List<SagaEvent> handled = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try (Scope scope = context.apply(i)) {
        record(batch.get(i), handled);
      }
    }
    em.flush(); // a copy of a processed event fails here, on the primary key: the batch rolls back
    return handled;
  }

  /**
   * Called by the {@link Outbox} for each event it records: true if a delivery runs on this thread
   * and this service handles the event's type, which is then handled in this transaction, after the
   * handlers that published it.
   */
  boolean takeOver(SagaEvent event) {
    Deque<SagaEvent> queue = followUps.get();
    if (queue == null || !handles(event)) {
      return false;
    }
    queue.add(event);
    return true;
  }

  /** Whether a handler of this service observes the event's type (resolved once per type). */
  boolean handles(SagaEvent event) {
    return handledHere.computeIfAbsent(
        event.type(),
        type -> !beanManager.resolveObserverMethods(event, new Saga.Literal(type)).isEmpty());
  }

  /** Records {@code event}, then the follow-ups its handlers (and theirs) published, in order. */
  private void record(SagaEvent event, List<SagaEvent> handled) {
    Deque<SagaEvent> queue = new ArrayDeque<>();
    followUps.set(queue);
    try {
      recordOne(event);
      for (SagaEvent next = queue.poll(); next != null; next = queue.poll()) {
        Span span = tracing.startHandle(next);
        try (Scope scope = span.makeCurrent()) {
          recordOne(next);
        } catch (RuntimeException e) {
          SagaTracing.fail(span, e);
          throw e;
        } finally {
          span.end();
        }
        handled.add(next);
      }
    } finally {
      followUps.remove();
    }
  }

  private void recordOne(SagaEvent event) {
    events.select(new Saga.Literal(event.type())).fire(event);
    ProcessedEvent record = new ProcessedEvent(event);
    if (progress.isResolvable()) {
      progress.get().stateOf(event.orderId()).ifPresent(record::noteStateAfter);
    }
    em.persist(record); // written at the flush, with the other records: one multi-row INSERT
  }

  /** Whether the event's record is committed: asked only after a delivery failed. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean processed(String eventId) {
    return em.find(ProcessedEvent.class, eventId) != null;
  }
}
