package org.storemanager.common.saga;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's Kafka producer (kafka-clients; see docs/adr/0004): keyed records, acks from all
 * in-sync replicas, idempotent retries, and short timeouts so that a broker outage fails a relay
 * batch quickly instead of holding its outbox rows.
 */
@ApplicationScoped
public class KafkaEventProducer {

  /** The record header naming the service that published the event. */
  public static final String PRODUCER = "producer";

  /**
   * The record header naming the service that already handled the event, in the transaction that
   * published it (a follow-up, {@link Inbox}); absent on every other record.
   */
  public static final String HANDLED_BY = "handled-by";

  @Inject
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject
  @ConfigProperty(name = "kafka.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "service.name")
  String serviceName;

  private volatile KafkaProducer<String, String> producer;

  /**
   * Sends one record keyed by {@code key}; the future completes when the broker acknowledged. Its
   * headers say which service published it ({@code producer}) and, when tracing, the span it
   * continues ({@code traceparent}) and, if {@code handledHere}, that this service handled it
   * already ({@code handled-by}).
   */
  public Future<RecordMetadata> send(
      String key, String value, String traceparent, boolean handledHere) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(PRODUCER, serviceName.getBytes(StandardCharsets.UTF_8));
    if (handledHere) {
      record.headers().add(HANDLED_BY, serviceName.getBytes(StandardCharsets.UTF_8));
    }
    if (traceparent != null) {
      record.headers().add(SagaTracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    return producer().send(record);
  }

  /**
   * Parks a record this service cannot process on {@code <topic>.dlq}, with headers saying why
   * ({@code error}), which service gave up on it ({@code consumer}) and, when known, where it was
   * read ({@code origin}: {@code topic/partition@offset}). Key and value may be null (a record
   * without them is parked as it came).
   */
  public void sendToDeadLetter(String key, String value, String reason, String origin)
      throws Exception {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic + ".dlq", key, value);
    record.headers().add("error", reason.getBytes(StandardCharsets.UTF_8));
    record.headers().add("consumer", serviceName.getBytes(StandardCharsets.UTF_8));
    if (origin != null) {
      record.headers().add("origin", origin.getBytes(StandardCharsets.UTF_8));
    }
    producer().send(record).get(15, TimeUnit.SECONDS);
  }

  private KafkaProducer<String, String> producer() {
    KafkaProducer<String, String> current = producer;
    if (current == null) {
      synchronized (this) {
        current = producer;
        if (current == null) {
          Properties config = new Properties();
          config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          config.put(ProducerConfig.ACKS_CONFIG, "all");
          config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
          config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
          config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
          config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
          config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          config.put(
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          // kafka-clients loads its classes through the context class loader: use the app's.
          ClassLoader previous = Thread.currentThread().getContextClassLoader();
          Thread.currentThread().setContextClassLoader(KafkaProducer.class.getClassLoader());
          try {
            current = new KafkaProducer<>(config);
          } finally {
            Thread.currentThread().setContextClassLoader(previous);
          }
          producer = current;
        }
      }
    }
    return current;
  }

  @PreDestroy
  void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}
