package org.storemanager.common.saga;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Routes one record of the saga topic:
 *
 * <ul>
 *   <li>not a saga event of the contract (no value, too large, malformed JSON, no event or order
 *       id, unknown type, fields of the wrong type or out of range): logged and moved to the
 *       dead-letter topic with the reason in its {@code error} header, then skipped. The record was
 *       read defensively before ({@link SagaRecordReader}), and anything that fails while it is
 *       read or routed, an {@code Error} included, dead-letters it too: no record stops its
 *       partition;
 *   <li>a type no handler of this service observes: skipped (the other service handles it);
 *   <li>an event this service handled in the transaction that published it (header {@code
 *       handled-by} naming this service, a follow-up of the {@link Inbox}): skipped, without a
 *       statement;
 *   <li>otherwise delivered through the {@link Inbox}. A failing delivery is retried with backoff
 *       (at most 30 s apart). While the database does not answer, retries go on for as long as it
 *       takes: an outage must not strand orders. A failure while the database answers (a bug, a
 *       poison event) is parked on the dead-letter topic after {@value #ATTEMPTS} attempts, so the
 *       partition keeps moving.
 * </ul>
 *
 * <p>A dead letter is never dropped: until the dead-letter topic took the record, {@link #dispatch}
 * does not return, so the record is not acknowledged. An interrupt (the server stopping) ends every
 * wait at once with {@link DispatchInterrupted}: the record is then not acknowledged either, and
 * the group's next consumer of the partition gets it again.
 */
@ApplicationScoped
public class SagaEventDispatcher {

  private static final Logger LOG = Logger.getLogger(SagaEventDispatcher.class.getName());
  static final int ATTEMPTS = 8;
  static final int MAX_REASON = 1000;
  static final int MAX_DEAD_LETTER_VALUE = 64 * 1024;
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  @Inject Inbox inbox;
  @Inject KafkaEventProducer kafka;
  @Inject SagaTracing tracing;
  @Inject SagaMetrics metrics;

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  @Resource(lookup = "jdbc/serviceDS")
  DataSource dataSource;

  private final AtomicLong deadLettered = new AtomicLong();

  /** Records this instance moved to the dead-letter topic since it started. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Handles one record value; returns when it is handled, skipped or dead-lettered. */
  // The consumer thread waits here, on the database and on Kafka: max.poll.interval.ms (config) is
  // set well above one handling, retries included, so a slow database does not cost the partitions.
  public void dispatch(String value) {
    dispatch(value, null);
  }

  /**
   * Handles one record value, in a {@code consume <Event>} span under {@code traceparent} (the
   * record's header, null when it had none).
   */
  public void dispatch(String value, String traceparent) {
    Received received = read(new SagaRecord(value, traceparent, null));
    if (received != null) {
      deliverInItsSpan(received);
    }
  }

  /**
   * Handles one record on its own, like {@link #dispatch}; if that fails outside the handlers (a
   * bug, an {@code Error}), the record is dead-lettered with the failure as its reason. Returns
   * when it is handled, skipped or dead-lettered; only an interrupt leaves it unhandled.
   */
  public void dispatchOrDeadLetter(SagaRecord record) {
    try {
      Received received = read(record);
      if (received != null) {
        deliverInItsSpan(received);
      }
    } catch (DispatchInterrupted e) {
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "saga record failed outside its handlers " + record.origin(), e);
      deadLetter(record, "failed outside its handlers: " + e);
    }
  }

  /**
   * Handles records of one lane, in their order (a {@link SagaLane}'s batch). What is not an event
   * for this service is dead-lettered or skipped as in {@link #dispatch}. The events, if there are
   * several, are delivered in one transaction ({@link Inbox#deliverAll}): their inbox records and
   * effects commit together. If that transaction fails (a copy of a processed event among them, a
   * lock conflict, a failing handler, the database), it rolls back whole and each event is then
   * delivered on its own, with the retries and dead letters of {@link #dispatch}. Returns when
   * every record is handled, skipped or dead-lettered.
   */
  public void dispatchAll(List<SagaRecord> records) {
    List<Received> events = new ArrayList<>(records.size());
    for (SagaRecord record : records) {
      Received received = read(record);
      if (received != null) {
        events.add(received);
      }
    }
    if (events.size() > 1 && deliveredTogether(events)) {
      return;
    }
    for (Received received : events) {
      deliverInItsSpan(received);
    }
  }

  /** The event of a record, or null if it is none for this service (dead-lettered, or skipped). */
  private Received read(SagaRecord record) {
    if (record.problem() != null) {
      deadLetter(record, record.problem());
      return null;
    }
    if (record.handledBy() != null && record.handledBy().equals(serviceName)) {
      return null; // handled with the row that published it, in this service's transaction
    }
    SagaEvent event;
    try {
      event = SagaEvent.fromJson(record.value());
    } catch (RuntimeException | Error e) { // JSON-B's failures, or a value that overflows it
      deadLetter(record, "unreadable: " + e.getMessage());
      return null;
    }
    try {
      if (!inbox.handles(event)) {
        return null; // the other service handles it
      }
    } catch (RuntimeException | Error e) {
      deadLetter(record, "not routable: " + e);
      return null;
    }
    return new Received(event, record);
  }

  private void deliverInItsSpan(Received received) {
    Span span = tracing.startConsume(received.event(), received.record().traceparent());
    try (Scope scope = span.makeCurrent()) {
      deliver(received.event(), received.record());
    } catch (RuntimeException | Error e) {
      SagaTracing.fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Delivers the events in one transaction; false if it rolled back (nothing of it is left). */
  private boolean deliveredTogether(List<Received> events) {
    List<Span> spans = new ArrayList<>(events.size());
    for (Received received : events) {
      spans.add(tracing.startConsume(received.event(), received.record().traceparent()));
    }
    List<SagaEvent> followUps;
    try {
      followUps =
          inbox.deliverAll(
              events.stream().map(Received::event).toList(), i -> spans.get(i).makeCurrent());
    } catch (RuntimeException | Error e) { // an Error of a handler too: each is retried alone
      for (Span span : spans) {
        SagaTracing.fail(span, e);
        span.end();
      }
      metrics.batchRolledBack();
      LOG.info(
          () ->
              "saga batch of " + events.size() + " events rolled back, each delivered alone: " + e);
      return false;
    }
    metrics.delivered(events.size());
    for (int i = 0; i < events.size(); i++) {
      SagaEvent event = events.get(i).event();
      metrics.handled(event);
      LOG.info(() -> "saga event handled " + SagaLog.fields(event) + " batch=" + events.size());
      spans.get(i).end();
    }
    handledFollowUps(followUps);
    return true;
  }

  private void deliver(SagaEvent event, SagaRecord record) {
    Duration pause = Duration.ofMillis(200);
    int attempt = 1;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new DispatchInterrupted(event.event() + " " + event.eventId());
      }
      try {
        List<SagaEvent> followUps = inbox.deliver(event);
        metrics.delivered(1);
        metrics.handled(event);
        LOG.info(() -> "saga event handled " + SagaLog.fields(event));
        handledFollowUps(followUps);
        return;
      } catch (DispatchInterrupted e) {
        throw e;
      } catch (RuntimeException | Error e) { // a handler's Error is a failure like any other
        if (alreadyProcessed(event)) { // its INSERT failed on the primary key: a copy
          metrics.duplicateSkipped(event);
          LOG.info(() -> "saga event skipped (already handled) " + SagaLog.fields(event));
          return;
        }
        boolean databaseUp = databaseAnswers();
        if (databaseUp && attempt >= ATTEMPTS) {
          LOG.log(Level.SEVERE, "saga event given up " + SagaLog.fields(event), e);
          String key = record.key() != null ? record.key() : String.valueOf(event.orderId());
          deadLetter(
              new SagaRecord(key, record.value(), null, null, record.origin(), null),
              "handler failed " + ATTEMPTS + " times: " + e);
          return;
        }
        LOG.warning(
            "saga event failed "
                + SagaLog.fields(event)
                + " ("
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

  /** Counts and logs the follow-ups a committed delivery handled with it ({@link Inbox}). */
  private void handledFollowUps(List<SagaEvent> followUps) {
    for (SagaEvent event : followUps) {
      metrics.handled(event);
      LOG.info(() -> "saga event handled " + SagaLog.fields(event) + " with=its publisher");
    }
  }

  private boolean alreadyProcessed(SagaEvent event) {
    try {
      return inbox.processed(event.eventId());
    } catch (RuntimeException e) {
      return false; // the database does not answer: retried below
    }
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Writes the record to the dead-letter topic, retrying until it is there (or interrupted). The
   * dead letter keeps the record's key, so a replay lands on the same partition; its value is cut
   * to {@value #MAX_DEAD_LETTER_VALUE} characters (a record too large for the saga is too large for
   * its dead letter too), its reason to {@value #MAX_REASON} (a parser may quote the whole input).
   */
  private void deadLetter(SagaRecord record, String why) {
    String key = record.key();
    String value = record.value();
    String reason = why == null ? "unknown" : why;
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON) + "...";
    }
    if (value != null && value.length() > MAX_DEAD_LETTER_VALUE) {
      reason += " (value cut from " + value.length() + " characters)";
      value = value.substring(0, MAX_DEAD_LETTER_VALUE);
    }
    String origin = record.origin();
    LOG.warning(
        "Saga record moved to the dead-letter topic ("
            + reason
            + "): key="
            + key
            + (origin == null ? "" : " from=" + origin));
    Duration pause = Duration.ofMillis(500);
    while (true) {
      try {
        kafka.sendToDeadLetter(key, value, reason, origin);
        deadLettered.incrementAndGet();
        metrics.deadLettered();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DispatchInterrupted("dead letter of key " + key);
      } catch (Exception e) {
        LOG.log(
            Level.SEVERE,
            "Dead-letter topic unreachable; the record stays unacknowledged, retrying in "
                + pause.toMillis()
                + " ms",
            e);
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis()); // retry backoff
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatchInterrupted("while backing off");
    }
  }

  /**
   * A record as {@link SagaRecordReader} read it: its key and value, its {@code traceparent} and
   * {@code handled-by} headers (each null when absent or unusable), where it came from ({@code
   * topic/partition@offset}, null if not known), and why it cannot be an event ({@code problem},
   * null if it may be one).
   */
  public record SagaRecord(
      String key,
      String value,
      String traceparent,
      String handledBy,
      String origin,
      String problem) {

    /** A readable record of which only the value and those two headers are known. */
    public SagaRecord(String value, String traceparent, String handledBy) {
      this(null, value, traceparent, handledBy, null, null);
    }
  }

  private record Received(SagaEvent event, SagaRecord record) {}

  /** The consumer thread was interrupted (shutdown): the record must not be acknowledged. */
  public static final class DispatchInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DispatchInterrupted(String what) {
      super("interrupted: " + what);
    }
  }
}
