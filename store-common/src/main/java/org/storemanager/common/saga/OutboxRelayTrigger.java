package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Hands each outbox row to the relay once the transaction that wrote it has committed, so the event
 * leaves within milliseconds and without a second transaction. Asynchronous: the caller (an HTTP
 * request, a saga handler) never waits for Kafka. A row whose transaction rolled back is never
 * handed over.
 */
@ApplicationScoped
public class OutboxRelayTrigger {

  @Inject OutboxRelay relay;

  void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.EventRecorded event) {
    relay.committed(event.outboxId(), event.row());
  }
}
