package org.storemanager.common.idempotency;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Forgets idempotency keys past their retention period, every hour (a non-persistent EJB timer: no
 * timer database; a restart simply waits for the next hour). Lookups already ignore expired rows:
 * this only keeps the table small. Several instances purging at once is harmless.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotencyKeyPurge {

  private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class.getName());

  @Inject StoredAnswers answers;

  @Schedule(hour = "*", minute = "23", persistent = false, info = "idempotency key purge")
  void purge() {
    try {
      Instant stopAt = Instant.now().plusSeconds(30); // batches of 1000, each its own transaction
      int deleted = 0;
      int round;
      do {
        round = answers.purgeExpired();
        deleted += round;
      } while (round >= 1000 && Instant.now().isBefore(stopAt));
      if (deleted > 0) {
        LOG.info("Idempotency keys: forgot " + deleted + " past the retention period");
      }
    } catch (RuntimeException e) {
      LOG.warning("Idempotency key purge failed (next hour retries): " + e);
    }
  }
}
