package org.storemanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the saga topic from its end (no consumer group: it takes nothing from the services) and
 * completes, per order, the outcome of its saga when {@code SagaCompleted} goes by: an empty string
 * if the saga succeeded, else its error.
 */
final class SagaWatcher implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final ConcurrentMap<Long, CompletableFuture<String>> outcomes = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  SagaWatcher(BenchConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> partitions =
        consumer.partitionsFor(config.kafkaTopic(), Duration.ofSeconds(10)).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException("Topic " + config.kafkaTopic() + " has no partitions");
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before any order is placed
    poller = new Thread(this::poll, "saga-watcher");
    poller.setDaemon(true);
    poller.start();
  }

  /** The outcome of an order's saga: "" when it completed, its error when it was cancelled. */
  CompletableFuture<String> outcome(long orderId) {
    return outcomes.computeIfAbsent(orderId, id -> new CompletableFuture<>());
  }

  /** Forgets the orders of a finished step. */
  void clear() {
    outcomes.clear();
  }

  private void poll() {
    while (running) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        try {
          JsonNode event = StoreClient.JSON.readTree(record.value());
          if ("SagaCompleted".equals(event.path("event").asText())) {
            String error = event.path("error").asText("");
            outcome(event.path("order_id").asLong()).complete(error);
          }
        } catch (IOException notJson) {
          // not an event of the contract: the services dead-letter it, the benchmark skips it
        }
      }
    }
    consumer.close(Duration.ofSeconds(2));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(5000);
  }
}
