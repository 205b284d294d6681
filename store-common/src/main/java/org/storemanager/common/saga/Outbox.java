package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Records events to publish, inside the caller's transaction: the state change and its event commit
 * together or not at all (an order can never exist without its OrderCreated). The {@link
 * OutboxRelay} publishes them right after the commit.
 */
@ApplicationScoped
public class Outbox {

  /** Fired with each recorded event (its outbox row's id); the relay observes it after commit. */
  public record EventRecorded(long outboxId) {}

  @PersistenceContext EntityManager em;
  @Inject Event<EventRecorded> recorded;
  @Inject SagaTracing tracing;
  @Inject Inbox inbox;

  /**
   * Records {@code event} with the current trace context, which its publication continues. If a
   * handler of this service publishes it and this service handles it too, the {@link Inbox} handles
   * it in this transaction, and the row says so ({@code handled_by_publisher}).
   */
  @Transactional(TxType.MANDATORY)
  public void add(SagaEvent event) {
    OutboxMessage message =
        new OutboxMessage(event, tracing.currentTraceparent(), inbox.takeOver(event));
    em.persist(message); // an identity column: the INSERT runs now, and the id is known
    recorded.fire(new EventRecorded(message.id()));
  }
}
