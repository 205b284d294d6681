package org.storemanager.common.saga;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Shows how many records wait on the dead-letter topic ({@code GET /health}, check "dead-letters":
 * {@code dead_letters}, all services together, and {@code dead_lettered_here}, by this instance
 * since it started). Always UP: a dead letter needs a person ({@code ./stack dlq list|replay}), not
 * a restart. The topic is asked at most every 10 s, in the background: a probe never waits on Kafka
 * (a liveness probe hanging while Kafka is down would get a healthy server restarted); the answer
 * shows the last count, "unknown" until the first one, or why Kafka did not answer.
 */
@Liveness
@ApplicationScoped
public class DeadLetterHealthCheck implements HealthCheck {

  private static final Duration REFRESH = Duration.ofSeconds(10);

  @Inject KafkaAdmin kafkaAdmin;

  @Inject
  @ConfigProperty(name = "kafka.topic")
  String topic;

  @Inject SagaEventDispatcher dispatcher;

  /** One thread of its own, like the Kafka clients' threads: it only ever waits on Kafka. */
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "dead-letter-count");
            thread.setDaemon(true);
            return thread;
          });

  private volatile Instant refreshedAt = Instant.MIN;
  private volatile String count = "unknown";
  private final AtomicBoolean refreshing = new AtomicBoolean();

  @Override
  public HealthCheckResponse call() {
    if (Instant.now().isAfter(refreshedAt.plus(REFRESH)) && refreshing.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            try {
              count = countOnTopic();
              refreshedAt = Instant.now();
            } finally {
              refreshing.set(false);
            }
          });
    }
    return HealthCheckResponse.named("dead-letters")
        .up()
        .withData("topic", topic + ".dlq")
        .withData("dead_letters", count)
        .withData("dead_lettered_here", dispatcher.deadLettered())
        .build();
  }

  /** Records on the topic now: end minus start offset of every partition. */
  private String countOnTopic() {
    String dlq = topic + ".dlq";
    try {
      TopicDescription description =
          kafkaAdmin
              .get()
              .describeTopics(List.of(dlq))
              .allTopicNames()
              .get(5, TimeUnit.SECONDS)
              .get(dlq);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description
          .partitions()
          .forEach(
              p -> {
                earliest.put(new TopicPartition(dlq, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(dlq, p.partition()), OffsetSpec.latest());
              });
      Map<TopicPartition, ListOffsetsResultInfo> starts =
          kafkaAdmin.get().listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
      long total =
          kafkaAdmin.get().listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet().stream()
              .mapToLong(end -> end.getValue().offset() - starts.get(end.getKey()).offset())
              .sum();
      return Long.toString(total);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    } catch (Exception e) {
      return "unknown (Kafka: " + e.getClass().getSimpleName() + ")";
    }
  }

  @PreDestroy
  void close() {
    executor.shutdownNow();
  }
}
