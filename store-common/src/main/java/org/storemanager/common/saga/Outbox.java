package org.storemanager.common.saga;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records events to publish, inside the caller's transaction: the state change and its event commit
 * together or not at all (an order can never exist without its OrderCreated). The {@link
 * OutboxRelay} publishes them right after the commit.
 */
@ApplicationScoped
public class Outbox {

  /**
   * Fired with each recorded event; the relay observes it after commit. {@code row} is what the
   * relay needs to send it without reading it back, when the writer vouched for the rows before it
   * ({@link OutboxPrecedence}); null otherwise.
   */
  public record EventRecorded(long outboxId, OutboxBatch.Row row) {}

  @PersistenceContext EntityManager em;
  @Inject Event<EventRecorded> recorded;
  @Inject SagaTracing tracing;
  @Inject Inbox inbox;
  @Inject Instance<OutboxPrecedence> precedence;
  @Resource TransactionSynchronizationRegistry transaction;

  /**
   * Records {@code event} with the current trace context, which its publication continues. If a
   * handler of this service publishes it and this service handles it too, the {@link Inbox} handles
   * it in this transaction, and the row says so ({@code handled_by_publisher}).
   */
  @Transactional(TxType.MANDATORY)
  public void add(SagaEvent event) {
    boolean handledHere = inbox.takeOver(event);
    OutboxMessage message = new OutboxMessage(event, tracing.currentTraceparent(), handledHere);
    em.persist(message); // an identity column: the INSERT runs now, and the id is known
    List<Long> written = writtenHere(event.orderId());
    OutboxBatch.Row row = null;
    if (precedence.isResolvable()) {
      row =
          precedence
              .get()
              .unsentBefore(event.orderId())
              .map(
                  unsent -> {
                    Set<Long> before = new HashSet<>(unsent);
                    before.addAll(written); // this transaction's own earlier rows of the order
                    return message.row(before);
                  })
              .orElse(null);
    }
    written.add(message.id());
    recorded.fire(new EventRecorded(message.id(), row));
  }

  /** The ids of the rows of {@code aggregateId} this transaction wrote so far. */
  @SuppressWarnings("unchecked")
  private List<Long> writtenHere(long aggregateId) {
    String key = "outbox-rows:" + aggregateId;
    List<Long> written = (List<Long>) transaction.getResource(key);
    if (written == null) {
      written = new ArrayList<>(2);
      transaction.putResource(key, written);
    }
    return written;
  }
}
