package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Delivers one saga event to this service's handlers, exactly once in effect: the record that the
 * event was processed and everything the handlers do (state changes, outbox rows) commit in one
 * transaction. A redelivered event finds its record and is skipped.
 *
 * <p>The record also keeps the order's saga state after the handlers, if this service has one
 * ({@link SagaProgress}): read in the same transaction, so it is the state those effects committed.
 * The record is therefore inserted after the handlers ran, in one INSERT. Two copies of one event
 * handled at the same time both run the handlers, and the second one's INSERT fails on the primary
 * key and rolls back everything it did: its retry finds the record and skips.
 */
@ApplicationScoped
public class Inbox {

  @PersistenceContext EntityManager em;
  @Inject Event<SagaEvent> events;
  @Inject Instance<SagaProgress> progress;

  /** Returns false if the event had already been processed. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean deliver(SagaEvent event) {
    if (em.find(ProcessedEvent.class, event.eventId()) != null) {
      return false;
    }
    events.select(new Saga.Literal(event.type())).fire(event);
    ProcessedEvent record = new ProcessedEvent(event);
    if (progress.isResolvable()) {
      progress.get().stateOf(event.orderId()).ifPresent(record::noteStateAfter);
    }
    em.persist(record);
    em.flush(); // a concurrent duplicate fails here, on the primary key, and rolls back
    return true;
  }
}
