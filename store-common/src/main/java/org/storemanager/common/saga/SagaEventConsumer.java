package org.storemanager.common.saga;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the saga topic through MicroProfile Reactive Messaging (Liberty's {@code liberty-kafka}
 * connector, one consumer group per service). A record is acknowledged only after its handling
 * transaction committed, and the connector commits a partition's offset only up to the first record
 * not acknowledged yet (its {@code CommittingPartitionTracker}; ADR 0006): a crash before the
 * commit means redelivery, never loss.
 *
 * <p>One channel, {@code saga-events}: one Kafka consumer per instance in the service's group, so
 * Kafka spreads the topic's partitions over the instances. The channel hands its records to a
 * {@link SagaLane} and returns at once; the records are acknowledged later, once handled. The lane
 * handles them in their order, one batch at a time: the records that arrived while the previous
 * batch was handled share one transaction ({@code saga.batch.max.events}, 1 to turn it off). So
 * each partition, and therefore each order, is handled in order, and a busy lane commits once per
 * batch instead of once per event. At most {@code unacked.limit} records (the connector's default:
 * {@code max.poll.records}) wait in the lane. Until 2026-12-08 there were three channels (lanes),
 * from before batches; measured against one, they did not pay (ADR 0006, docs/benchmark.md).
 *
 * <p>The record's {@code traceparent} header goes to the dispatcher, which handles the event in a
 * span continuing the publisher's trace ({@link SagaTracing}).
 */
@ApplicationScoped
public class SagaEventConsumer {

  private static final Logger LOG = Logger.getLogger(SagaEventConsumer.class.getName());

  /** The saga topic's channel (mp.messaging.incoming.saga-events.*). */
  static final String CHANNEL = "saga-events";

  @Inject SagaEventDispatcher dispatcher;
  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "saga.batch.max.events", defaultValue = "16")
  int maxBatch;

  /** The server's default managed executor (Jakarta Concurrency): a lane's task runs on it. */
  @Resource ManagedExecutorService executor;

  private SagaLane<Message<String>> lane;

  @PostConstruct
  void startLane() {
    lane = new SagaLane<>(CHANNEL, executor, maxBatch, this::handle);
    registry.gauge(
        Metadata.builder()
            .withName("saga_lane_waiting")
            .withDescription("Records this instance received and has not handled yet")
            .build(),
        lane::waiting);
  }

  @Incoming(CHANNEL)
  @Acknowledgment(Acknowledgment.Strategy.MANUAL)
  public CompletionStage<Void> receive(Message<String> record) {
    lane.offer(record);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A lane's batch: every record handled, skipped or dead-lettered, then acknowledged, in its
   * order. Each record is read defensively first ({@link SagaRecordReader}). If the batch fails in
   * a way the dispatcher did not handle (a bug, an {@code Error}), each record is dispatched again
   * on its own, and one that fails again outside its handlers is dead-lettered: a lane never holds
   * a record it cannot place. Only an interrupt (the server stopping) leaves the batch
   * unacknowledged.
   */
  void handle(List<Message<String>> batch) {
    List<SagaEventDispatcher.SagaRecord> records = new ArrayList<>(batch.size());
    for (Message<String> record : batch) {
      records.add(read(record));
    }
    try {
      dispatcher.dispatchAll(records);
    } catch (SagaEventDispatcher.DispatchInterrupted e) {
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.log(
          Level.SEVERE,
          "saga batch of " + records.size() + " records failed outside its handlers, one by one",
          e);
      records.forEach(dispatcher::dispatchOrDeadLetter);
    }
    batch.forEach(Message::ack);
  }

  /**
   * The Kafka record behind a message, read defensively. Liberty's connector carries no header
   * metadata, but its messages unwrap to the kafka-clients {@link ConsumerRecord}.
   */
  static SagaEventDispatcher.SagaRecord read(Message<String> message) {
    ConsumerRecord<?, ?> record;
    try {
      record = message.unwrap(ConsumerRecord.class);
    } catch (RuntimeException e) {
      return SagaRecordReader.value(message.getPayload()); // a test's in-memory message
    }
    return SagaRecordReader.read(record);
  }
}
