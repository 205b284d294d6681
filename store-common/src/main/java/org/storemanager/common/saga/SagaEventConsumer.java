package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the saga topic through MicroProfile Reactive Messaging (channel {@code saga-events},
 * Liberty's {@code liberty-kafka} connector, one consumer group per service). A record is
 * acknowledged only after its handling transaction committed, and the connector commits offsets of
 * acknowledged records only: a crash before the commit means redelivery, never loss.
 */
@ApplicationScoped
public class SagaEventConsumer {

  @Inject SagaEventDispatcher dispatcher;

  @Incoming("saga-events")
  public CompletionStage<Void> consume(Message<String> record) {
    dispatcher.dispatch(record.getPayload());
    return record.ack();
  }
}
