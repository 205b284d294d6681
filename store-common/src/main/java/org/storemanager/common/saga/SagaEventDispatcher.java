package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes one record of the saga topic:
 *
 * <ul>
 *   <li>not a saga event of the contract (malformed JSON, no event id, unknown type): logged and
 *       moved to the dead-letter topic, then skipped;
 *   <li>a type no handler of this service observes: skipped (the other service handles it);
 *   <li>otherwise delivered through the {@link Inbox}; a failing delivery (database down, say) is
 *       retried with backoff, and after {@value #ATTEMPTS} attempts parked on the dead-letter topic
 *       so the partition keeps moving.
 * </ul>
 */
@ApplicationScoped
public class SagaEventDispatcher {

  private static final Logger LOG = Logger.getLogger(SagaEventDispatcher.class.getName());
  static final int ATTEMPTS = 8;

  @Inject Inbox inbox;
  @Inject BeanManager beanManager;
  @Inject KafkaEventProducer kafka;

  /** Handles one record value; returns when it is handled, skipped or dead-lettered. */
  public void dispatch(String value) {
    SagaEvent event;
    try {
      event = SagaEvent.fromJson(value);
    } catch (RuntimeException e) {
      deadLetter(null, value, "unreadable: " + e.getMessage()); // no trustworthy key: none
      return;
    }
    if (beanManager.resolveObserverMethods(event, new Saga.Literal(event.type())).isEmpty()) {
      return;
    }
    Duration pause = Duration.ofMillis(200);
    for (int attempt = 1; ; attempt++) {
      try {
        if (!inbox.deliver(event)) {
          LOG.fine(() -> "Skipped redelivered " + event.event() + " " + event.eventId());
        }
        return;
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS) {
          LOG.log(Level.SEVERE, "Giving up on " + event.event() + " " + event.eventId(), e);
          deadLetter(
              String.valueOf(event.orderId()),
              value,
              "handler failed " + ATTEMPTS + " times: " + e);
          return;
        }
        LOG.warning("Handling " + event.event() + " failed (attempt " + attempt + "): " + e);
        sleep(pause);
        pause = pause.multipliedBy(2);
      }
    }
  }

  private void deadLetter(String key, String value, String reason) {
    LOG.warning("Saga record moved to the dead-letter topic (" + reason + "): key=" + key);
    try {
      kafka.sendToDeadLetter(key, value, reason);
    } catch (Exception e) {
      // Not acknowledging would block the partition forever on a record nobody can process.
      LOG.log(Level.SEVERE, "Dead-letter topic unreachable; record dropped: " + value, e);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis()); // retry backoff
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
