package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Wakes the relay when a transaction that wrote to the outbox has committed, so events leave within
 * milliseconds instead of at the next timer tick. Asynchronous: the caller (an HTTP request, a saga
 * handler) never waits for Kafka.
 */
@ApplicationScoped
public class OutboxRelayTrigger {

  @Inject OutboxRelay relay;

  void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.EventRecorded event) {
    relay.wakeUp();
  }
}
