package org.storemanager.common.saga;

import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Delivers one saga event to this service's handlers, exactly once in effect: the record that the
 * event was processed and everything the handlers do (state changes, outbox rows) commit in one
 * transaction, or nothing does.
 *
 * <p>The record also keeps the order's saga state after the handlers, if this service has one
 * ({@link SagaProgress}): read in the same transaction, so it is the state those effects committed.
 * The record is therefore inserted after the handlers ran, in one INSERT, and nothing is read
 * before: a copy of an event already processed (a redelivery, a replay, two copies at once) runs
 * the handlers, then its INSERT fails on the primary key and rolls back everything they did. The
 * {@link SagaEventDispatcher} then finds the record ({@link #processed}) and skips the copy. Copies
 * are rare, so a lookup before every event would cost far more than this rollback.
 *
 * <p>Events that waited together in a lane are delivered together ({@link #deliverAll}): one
 * transaction, one commit. A copy among them rolls back the whole batch, and the dispatcher then
 * delivers each event on its own. Before their handlers run, a {@link BatchOpened} tells the
 * service what the batch holds, so it can prepare it in one go: take the locks its handlers will
 * need in one global order (two lanes' batches then never deadlock), load what they will read.
 */
@ApplicationScoped
public class Inbox {

  @PersistenceContext EntityManager em;
  @Inject Event<SagaEvent> events;
  @Inject Instance<SagaProgress> progress;
  @Inject Event<BatchOpened> batchOpened;

  /**
   * Fired in a batch's transaction before its first handler runs, with the batch's events in their
   * order; never for an event delivered on its own.
   */
  public record BatchOpened(List<SagaEvent> events) {}

  /** Runs the handlers and records the event; fails on the primary key if it was processed. */
  @Transactional(TxType.REQUIRES_NEW)
  public void deliver(SagaEvent event) {
    record(event);
  }

  /**
   * Delivers several events, in their order, in one transaction: all of them commit, or none. The
   * handlers of event {@code i} run in {@code context.apply(i)} (its trace span), so what they
   * write carries that event's trace.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void deliverAll(List<SagaEvent> batch, IntFunction<Scope> context) {
    batchOpened.fire(new BatchOpened(List.copyOf(batch)));
    for (int i = 0; i < batch.size(); i++) {
      try (Scope scope = context.apply(i)) {
        record(batch.get(i));
      }
    }
  }

  private void record(SagaEvent event) {
    events.select(new Saga.Literal(event.type())).fire(event);
    ProcessedEvent record = new ProcessedEvent(event);
    if (progress.isResolvable()) {
      progress.get().stateOf(event.orderId()).ifPresent(record::noteStateAfter);
    }
    em.persist(record);
    em.flush(); // a copy of a processed event fails here, on the primary key, and rolls back
  }

  /** Whether the event's record is committed: asked only after a delivery failed. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean processed(String eventId) {
    return em.find(ProcessedEvent.class, eventId) != null;
  }
}
