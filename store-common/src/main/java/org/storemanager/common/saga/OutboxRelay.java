package org.storemanager.common.saga;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the outbox to Kafka, in two ways ({@link OutboxBatch}):
 *
 * <ul>
 *   <li>every committed outbox write hands its row id to the relay and wakes it ({@link
 *       OutboxRelayTrigger}): the relay publishes those rows at once, without a transaction. This
 *       is how nearly every event leaves. A row its writer vouched for ({@link OutboxPrecedence})
 *       comes with its content and goes without a statement once the rows before it are sent;
 *   <li>a non-persistent EJB timer, every {@code outbox.relay.interval.ms}, also claims what is
 *       left unsent longer than {@code outbox.relay.grace.ms}: rows whose instance crashed or
 *       restarted before sending them, or that failed while Kafka was down.
 * </ul>
 *
 * The rows published right after commit are marked sent in bulk: at the end of a round once {@value
 * #MARK_EVERY_MS} ms have passed since the last marks or {@value #MARK_AT} rows wait, at every tick
 * (before the claim), and when the server stops. A crash loses at most those marks: the claim then
 * publishes the rows again, and consumers skip the copies. While Kafka fails, rounds back off
 * exponentially up to 30 s, and only the claim publishes. Sent rows are deleted after {@code
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
  static final long MARK_EVERY_MS = 200;
  static final int MARK_AT = 100;
  static final long RECENT_MS = 10_000;

  @Inject OutboxBatch batch;
  @Inject SagaMetrics metrics;

  @Inject
  @ConfigProperty(name = "outbox.relay.interval.ms", defaultValue = "1000")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "outbox.relay.grace.ms", defaultValue = "5000")
  long graceMs;

  @Inject
  @ConfigProperty(name = "outbox.retention.hours", defaultValue = "168")
  long retentionHours;

  @Resource TimerService timers;

  private final ReentrantLock relaying = new ReentrantLock();
  private final AtomicBoolean wokenMeanwhile = new AtomicBoolean();
  private final AtomicBoolean tickedMeanwhile = new AtomicBoolean();

  /** Rows committed on this instance and not published yet: their ids, oldest first. */
  private final ConcurrentSkipListSet<Long> committed = new ConcurrentSkipListSet<>();

  /** Rows published after commit and not marked sent yet: id -> when Kafka acknowledged it. */
  private final ConcurrentHashMap<Long, Instant> publishedUnmarked = new ConcurrentHashMap<>();

  /**
   * Committed rows whose writer vouched for the rows before them ({@link OutboxPrecedence}): sent
   * from memory, without a statement, once those are sent.
   */
  private final ConcurrentHashMap<Long, OutboxBatch.Row> known = new ConcurrentHashMap<>();

  /**
   * Rows this instance published and marked in the last {@value #RECENT_MS} ms, oldest first: a row
   * vouched for behind one of them goes at once. Only touched under {@link #relaying}.
   */
  private final LinkedHashMap<Long, Instant> recentlySent = new LinkedHashMap<>();

  private volatile Instant lastMarked = Instant.now();
  private volatile Duration backoff = Duration.ZERO;
  private volatile Instant retryAt = Instant.MIN;
  private volatile Instant nextCleanup = Instant.MIN;

  @PostConstruct
  void start() {
    timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("outbox relay", false));
  }

  @PreDestroy
  void stop() {
    relaying.lock();
    try {
      markPublished(true);
    } catch (Exception e) {
      LOG.warning(
          "Outbox relay: "
              + publishedUnmarked.size()
              + " published rows left unmarked at shutdown; the claim publishes them again: "
              + e);
    } finally {
      relaying.unlock();
    }
  }

  @Timeout
  void onTimer() {
    relay(true);
    cleanUp();
  }

  /**
   * Takes the id of an outbox row whose transaction has just committed and publishes it soon, on a
   * container thread. {@code row}: the row itself, if its writer vouched for the rows before it
   * (else null: the relay reads it).
   */
  @Asynchronous
  public void committed(long outboxId, OutboxBatch.Row row) {
    if (row != null) {
      known.put(outboxId, row);
    }
    committed.add(outboxId);
    relay(false);
  }

  /**
   * Publishes the rows committed here, and with {@code claim} also the rows left unsent longer than
   * the grace period. One round at a time per instance; wake-ups coalesce.
   */
  public void relay(boolean claim) {
    if (claim) {
      tickedMeanwhile.set(true);
    }
    if (!relaying.tryLock()) {
      wokenMeanwhile.set(true);
      return;
    }
    try {
      do {
        wokenMeanwhile.set(false);
        if (Instant.now().isBefore(retryAt)) {
          forgetCommitted(); // while Kafka fails, only the claim publishes (after the grace period)
          return;
        }
        publishCommitted();
        boolean ticked = tickedMeanwhile.getAndSet(false);
        markPublished(ticked);
        if (ticked) {
          Instant before = Instant.now().minusMillis(graceMs);
          OutboxBatch.Result result;
          do {
            result = batch.publishClaimed(BATCH, before);
            metrics.published(result.published());
          } while (result.published() == BATCH || result.deferred() > 0); // more may be pending
        }
        if (!backoff.isZero()) {
          LOG.info("Outbox relay: Kafka reachable again, publishing resumed");
        }
        backoff = Duration.ZERO;
      } while (wokenMeanwhile.get());
    } catch (Exception e) {
      forgetCommitted();
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
      relay(false); // woken between the last check and the unlock: that event must not wait a tick
    }
  }

  /**
   * Publishes the committed rows, walking the whole set {@value #BATCH} at a time. A row its writer
   * vouched for goes from memory once the rows before it are sent here; it waits, without a
   * statement, behind a row this relay has still to publish; and is looked up like the others
   * behind any other row (another instance's, perhaps sent by now). A row waiting behind an earlier
   * unsent row of its order stays in the set: the set is walked again at once if this walk
   * published something (perhaps that earlier row), else at the next wake-up or tick.
   */
  private void publishCommitted() throws Exception {
    boolean progress;
    do {
      progress = false;
      List<Long> ids = committed.stream().limit(BATCH).toList();
      while (!ids.isEmpty()) {
        List<OutboxBatch.Row> ready = new ArrayList<>();
        List<Long> lookUp = new ArrayList<>();
        for (Long id : ids) {
          OutboxBatch.Row row = known.get(id);
          if (row == null) {
            lookUp.add(id);
          } else if (row.unsentBefore().stream().allMatch(this::sentHere)) {
            ready.add(row);
          } else if (!row.unsentBefore().stream()
              .allMatch(before -> sentHere(before) || committed.contains(before))) {
            lookUp.add(id); // behind a row of another writer: the database knows if it is sent
          } // else behind a row this relay publishes first: next walk
        }
        if (!ready.isEmpty()) {
          OutboxBatch.Result result = batch.publishKnown(ready);
          published(result);
          ready.forEach(row -> forget(row.id()));
          progress = true;
        }
        if (!lookUp.isEmpty()) {
          OutboxBatch.Result result = batch.publishCommitted(lookUp, this::sentHere);
          published(result);
          lookUp.stream().filter(id -> !result.waiting().contains(id)).forEach(this::forget);
          progress |= result.published() > 0;
        }
        ids = committed.tailSet(ids.get(ids.size() - 1), false).stream().limit(BATCH).toList();
      }
    } while (progress && !committed.isEmpty());
  }

  private void published(OutboxBatch.Result result) {
    publishedUnmarked.putAll(result.acknowledged());
    metrics.published(result.published());
  }

  /** Whether this instance published the row lately (marked or not). */
  private boolean sentHere(long id) {
    return publishedUnmarked.containsKey(id) || recentlySent.containsKey(id);
  }

  private void forget(long id) {
    committed.remove(id);
    known.remove(id);
  }

  private void forgetCommitted() {
    committed.clear();
    known.clear();
  }

  /** Marks the rows published after commit sent, if it is time (or {@code now}). */
  private void markPublished(boolean now) throws Exception {
    if (publishedUnmarked.isEmpty()) {
      return;
    }
    boolean due =
        now
            || publishedUnmarked.size() >= MARK_AT
            || Instant.now().isAfter(lastMarked.plusMillis(MARK_EVERY_MS));
    if (!due) {
      return;
    }
    Map<Long, Instant> marks = new HashMap<>(publishedUnmarked);
    batch.markSent(marks);
    Instant markedAt = Instant.now();
    for (Long id : marks.keySet()) {
      recentlySent.put(id, markedAt); // before it leaves publishedUnmarked: sentHere stays true
      publishedUnmarked.remove(id);
    }
    Instant old = markedAt.minusMillis(RECENT_MS);
    for (Iterator<Instant> at = recentlySent.values().iterator(); at.hasNext(); ) {
      if (!at.next().isBefore(old)) {
        break;
      }
      at.remove();
    }
    lastMarked = markedAt;
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
