package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Delivers one saga event to this service's handlers, exactly once in effect: the record that the
 * event was processed and everything the handlers do (state changes, outbox rows) commit in one
 * transaction. A redelivered event finds its record and is skipped.
 */
@ApplicationScoped
public class Inbox {

  @PersistenceContext EntityManager em;
  @Inject Event<SagaEvent> events;

  /** Returns false if the event had already been processed. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean deliver(SagaEvent event) {
    if (em.find(ProcessedEvent.class, event.eventId()) != null) {
      return false;
    }
    em.persist(new ProcessedEvent(event));
    em.flush(); // a concurrent duplicate fails here, on the primary key, and rolls back
    events.select(new Saga.Literal(event.type())).fire(event);
    return true;
  }
}
