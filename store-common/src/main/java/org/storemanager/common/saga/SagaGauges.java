package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.storemanager.common.saga.SagaBacklog.ConsumerLag;

/**
 * The saga's gauges on {@code /metrics}, read from the numbers {@link SagaBacklog} and {@link
 * DeadLetterHealthCheck} already keep up to date in the background: a scrape never waits on Kafka
 * or the database. A value not measured yet (or not measurable now) is NaN.
 */
@ApplicationScoped
public class SagaGauges {

  @Inject MetricRegistry registry;
  @Inject SagaBacklog backlog;
  @Inject @Liveness DeadLetterHealthCheck deadLetters;

  private final Set<String> consumersRegistered = ConcurrentHashMap.newKeySet();

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    gauge(
        "saga_outbox_unsent", "Outbox rows not yet published", () -> orNaN(backlog.outboxUnsent()));
    gauge(
        "saga_outbox_oldest_unsent_age_seconds",
        "Age of the oldest unpublished outbox row (0 when there is none)",
        () -> orNaN(backlog.outboxOldestUnsentAgeSeconds(), backlog.outboxUnsent()));
    gauge(
        "saga_consumer_group_lag",
        "Records of the saga topic this service's consumer group has not handled yet",
        () -> orNaN(backlog.consumerLag()));
    gauge(
        "saga_dead_letter_topic_records",
        "Records on the dead-letter topic (all services)",
        this::deadLetterRecords);
  }

  /**
   * One gauge per consumer of the group (each lane of each instance is one, ADR 0006), labelled
   * {@code consumer="<client id>@<host>"}: called by {@link SagaBacklog} after each refresh, so a
   * consumer that joins gets its gauge.
   */
  void track(List<ConsumerLag> consumers) {
    for (ConsumerLag consumer : consumers) {
      if (consumer.clientId() == null) {
        continue; // partitions nobody holds: in the group's total
      }
      String name = consumer.clientId() + "@" + consumer.host();
      if (consumersRegistered.add(name)) {
        registry.gauge(
            metadata("saga_consumer_lag", "Records a consumer (a lane) of the group has to handle"),
            () -> lagOf(name),
            new Tag("consumer", name));
      }
    }
  }

  private double lagOf(String name) {
    return backlog.snapshot().consumers().stream()
        .filter(c -> name.equals(c.clientId() + "@" + c.host()))
        .mapToDouble(ConsumerLag::lag)
        .findFirst()
        .orElse(0); // no longer in the group: nothing left to handle
  }

  private double deadLetterRecords() {
    HealthCheckResponse health = deadLetters.call();
    Object count = health.getData().map(data -> data.get("dead_letters")).orElse(null);
    try {
      return count == null ? Double.NaN : Double.parseDouble(count.toString());
    } catch (NumberFormatException e) {
      return Double.NaN; // "unknown (...)": Kafka did not answer
    }
  }

  private void gauge(String name, String description, Supplier<Double> value) {
    registry.gauge(metadata(name, description), value);
  }

  private static double orNaN(Long value) {
    return value == null ? Double.NaN : value;
  }

  /** The age when there is an unsent row; 0 when there is none; NaN when not measured. */
  private static double orNaN(Long age, Long unsent) {
    if (unsent == null) {
      return Double.NaN;
    }
    return age == null ? 0 : age;
  }

  private static Metadata metadata(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }
}
