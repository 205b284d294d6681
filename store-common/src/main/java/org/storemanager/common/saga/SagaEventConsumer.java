package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the saga topic through MicroProfile Reactive Messaging (Liberty's {@code liberty-kafka}
 * connector, one consumer group per service). A record is acknowledged only after its handling
 * transaction committed, and the connector commits offsets of acknowledged records only: a crash
 * before the commit means redelivery, never loss.
 *
 * <p>Three channels, three <em>lanes</em>: each channel is its own Kafka consumer in the service's
 * group, so Kafka spreads the topic's partitions over them (6 partitions: two per lane) and three
 * events of different partitions are handled at once. Inside a channel, records are handled one at
 * a time, so each partition, and therefore each order, is still handled in order. One channel was
 * the saga's bottleneck: a handler spends most of its ~10 ms waiting for MySQL and Kafka, and a
 * single lane capped a Store Manager at about 25 orders/s (docs/benchmark.md). The connector's
 * settings are common to the lanes ({@code mp.messaging.connector.liberty-kafka.*}).
 *
 * <p>The record's {@code traceparent} header goes to the dispatcher, which handles the event in a
 * span continuing the publisher's trace ({@link SagaTracing}).
 */
@ApplicationScoped
public class SagaEventConsumer {

  @Inject SagaEventDispatcher dispatcher;

  @Incoming("saga-events-1")
  public CompletionStage<Void> lane1(Message<String> record) {
    return consume(record);
  }

  @Incoming("saga-events-2")
  public CompletionStage<Void> lane2(Message<String> record) {
    return consume(record);
  }

  @Incoming("saga-events-3")
  public CompletionStage<Void> lane3(Message<String> record) {
    return consume(record);
  }

  private CompletionStage<Void> consume(Message<String> record) {
    dispatcher.dispatch(record.getPayload(), header(record, SagaTracing.TRACEPARENT));
    return record.ack();
  }

  /**
   * A header of the Kafka record behind the message, or null. Liberty's connector carries no header
   * metadata, but its messages unwrap to the kafka-clients {@link ConsumerRecord}.
   */
  static String header(Message<String> record, String name) {
    try {
      Header header = record.unwrap(ConsumerRecord.class).headers().lastHeader(name);
      return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // not a Kafka message (a test's in-memory message)
    }
  }
}
