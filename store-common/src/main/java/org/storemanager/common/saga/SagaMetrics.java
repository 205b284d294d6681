package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The saga's counters and timers (MicroProfile Metrics, application scope, scraped in Prometheus
 * format at {@code /metrics}; docs/observability.md lists them). Each service counts what happens
 * in it: a sum over the instances is the service's figure.
 */
@ApplicationScoped
public class SagaMetrics {

  /** Null only in unit tests of pure logic, which build the beans by hand: nothing is counted. */
  @Inject MetricRegistry registry;

  /** {@code published} outbox rows reached Kafka (relay). */
  public void published(int published) {
    if (registry != null && published > 0) {
      registry
          .counter(metadata("saga_outbox_published", "Outbox rows the relay published to Kafka"))
          .inc(published);
    }
  }

  /** A relay round failed (Kafka unreachable or refusing): its rows stay unsent and are retried. */
  public void publishFailed() {
    count("saga_outbox_publish_errors", "Relay rounds that failed; their rows are retried");
  }

  /** This service handled an event (its inbox record and effects committed). */
  public void handled(SagaEvent event) {
    count(
        "saga_events_handled",
        "Saga events this service handled, by event",
        new Tag("event", event.event()));
  }

  /**
   * One inbox transaction committed, with {@code events} events (more than one: a lane's batch,
   * {@link SagaLane}).
   */
  public void delivered(int events) {
    if (registry != null) {
      registry
          .histogram(
              metadata(
                  "saga_inbox_transaction_events",
                  "Saga events per committed inbox transaction (a lane's batch)"))
          .update(events);
    }
  }

  /** A lane's batch rolled back (a copy among its events, a conflict): each delivered alone. */
  public void batchRolledBack() {
    count(
        "saga_inbox_batches_rolled_back",
        "Batches of saga events that rolled back and were delivered one by one");
  }

  /** A redelivered event was skipped: its inbox record was already there. */
  public void duplicateSkipped(SagaEvent event) {
    count(
        "saga_inbox_duplicates",
        "Redelivered saga events the inbox skipped, by event",
        new Tag("event", event.event()));
  }

  /** A record was moved to the dead-letter topic by this instance. */
  public void deadLettered() {
    count("saga_dead_letters", "Records this instance moved to the dead-letter topic");
  }

  /** An order's saga ended with {@code outcome} (COMPLETED or CANCELLED) after {@code duration}. */
  public void sagaEnded(String outcome, Duration duration) {
    if (registry == null) {
      return;
    }
    Tag tag = new Tag("outcome", outcome);
    registry
        .counter(metadata("saga_orders_ended", "Orders whose saga ended, by outcome"), tag)
        .inc();
    if (duration != null) {
      registry
          .timer(
              metadata("saga_duration", "From POST /orders to the end of the saga, by outcome"),
              tag)
          .update(duration);
    }
  }

  private void count(String name, String description, Tag... tags) {
    if (registry != null) {
      registry.counter(metadata(name, description), tags).inc();
    }
  }

  private static Metadata metadata(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }
}
