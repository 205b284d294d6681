package org.storemanager.common.saga;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the outbox to Kafka. A non-persistent EJB timer runs a relay round every {@code
 * outbox.relay.interval.ms} (the safety net: it also publishes what was pending before a restart);
 * every committed outbox write also wakes it at once ({@link OutboxRelayTrigger}). While Kafka
 * fails, rounds back off exponentially up to 30 s. Sent rows are deleted after {@code
 * outbox.retention.hours}.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final int BATCH = 200;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

  @Inject OutboxBatch batch;
  @Inject SagaMetrics metrics;

  @Inject
  @ConfigProperty(name = "outbox.relay.interval.ms", defaultValue = "1000")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "outbox.retention.hours", defaultValue = "168")
  long retentionHours;

  @Resource TimerService timers;

  private final ReentrantLock relaying = new ReentrantLock();
  private final AtomicBoolean wokenMeanwhile = new AtomicBoolean();
  private volatile Duration backoff = Duration.ZERO;
  private volatile Instant retryAt = Instant.MIN;
  private volatile Instant nextCleanup = Instant.MIN;

  @PostConstruct
  void start() {
    timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("outbox relay", false));
  }

  @Timeout
  void onTimer() {
    relay();
    cleanUp();
  }

  /** Runs a relay round soon, on a container thread (called after an outbox write commits). */
  @Asynchronous
  public void wakeUp() {
    relay();
  }

  /** Publishes everything pending; one round at a time per instance, wake-ups coalesce. */
  public void relay() {
    if (!relaying.tryLock()) {
      wokenMeanwhile.set(true);
      return;
    }
    try {
      do {
        wokenMeanwhile.set(false);
        if (Instant.now().isBefore(retryAt)) {
          return;
        }
        OutboxBatch.Result result;
        do {
          result = batch.publish(BATCH);
          metrics.published(result.published());
        } while (result.published() == BATCH || result.deferred() > 0); // more may be pending
        if (!backoff.isZero()) {
          LOG.info("Outbox relay: Kafka reachable again, publishing resumed");
        }
        backoff = Duration.ZERO;
      } while (wokenMeanwhile.get());
    } catch (Exception e) {
      metrics.publishFailed();
      backoff =
          backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
      retryAt = Instant.now().plus(backoff);
      LOG.warning(
          "Outbox relay: publishing failed, retrying in " + backoff.toSeconds() + " s: " + e);
    } finally {
      relaying.unlock();
    }
    if (wokenMeanwhile.get() && backoff.isZero()) {
      relay(); // woken between the last check and the unlock: that event must not wait a tick
    }
  }

  private void cleanUp() {
    if (Instant.now().isBefore(nextCleanup)) {
      return;
    }
    nextCleanup = Instant.now().plus(CLEANUP_EVERY);
    try {
      Instant before = Instant.now().minus(Duration.ofHours(retentionHours));
      Instant stopAt = Instant.now().plusSeconds(10); // leave the timer free for publishing
      int deleted = 0;
      int round;
      do {
        round = batch.deleteOlderThan(before);
        deleted += round;
      } while (round >= 1000 && Instant.now().isBefore(stopAt));
      if (deleted > 0) {
        LOG.info("Outbox relay: deleted " + deleted + " rows past the retention period");
      }
    } catch (RuntimeException e) {
      LOG.warning("Outbox cleanup failed (will retry): " + e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
