package org.storemanager.common.saga;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Routes one record of the saga topic:
 *
 * <ul>
 *   <li>not a saga event of the contract (malformed JSON, no event or order id, unknown type):
 *       logged and moved to the dead-letter topic, then skipped;
 *   <li>a type no handler of this service observes: skipped (the other service handles it);
 *   <li>otherwise delivered through the {@link Inbox}. A failing delivery is retried with backoff
 *       (at most 30 s apart). While the database does not answer, retries go on for as long as it
 *       takes: an outage must not strand orders. A failure while the database answers (a bug, a
 *       poison event) is parked on the dead-letter topic after {@value #ATTEMPTS} attempts, so the
 *       partition keeps moving.
 * </ul>
 */
@ApplicationScoped
public class SagaEventDispatcher {

  private static final Logger LOG = Logger.getLogger(SagaEventDispatcher.class.getName());
  static final int ATTEMPTS = 8;
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  @Inject Inbox inbox;
  @Inject BeanManager beanManager;
  @Inject KafkaEventProducer kafka;

  @Resource(lookup = "jdbc/serviceDS")
  DataSource dataSource;

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
    int attempt = 1;
    while (true) {
      try {
        if (!inbox.deliver(event)) {
          LOG.fine(() -> "Skipped redelivered " + event.event() + " " + event.eventId());
        }
        return;
      } catch (RuntimeException e) {
        boolean databaseUp = databaseAnswers();
        if (databaseUp && attempt >= ATTEMPTS) {
          LOG.log(Level.SEVERE, "Giving up on " + event.event() + " " + event.eventId(), e);
          deadLetter(
              String.valueOf(event.orderId()),
              value,
              "handler failed " + ATTEMPTS + " times: " + e);
          return;
        }
        LOG.warning(
            "Handling "
                + event.event()
                + " "
                + event.eventId()
                + " failed ("
                + (databaseUp ? "attempt " + attempt : "database unreachable, will retry")
                + "): "
                + e);
        if (databaseUp) {
          attempt++;
        }
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
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
