package org.storemanager.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.storemanager.bench.chaos.Facts.Resent;

/**
 * Delivers some saga events twice, as a relay that crashed between the broker's acknowledgement and
 * its own commit would: it reads the topic from its end when the run starts (no consumer group, so
 * it takes nothing from the services), and at given moments publishes a few of the run's records
 * again, unchanged (key, value, headers). The services' inboxes must skip them. Afterwards it reads
 * (never commits) the services' group offsets, to show the copies were consumed.
 */
final class Redelivery implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER = 20_000;

  private final ChaosConfig config;
  private final KafkaConsumer<String, String> consumer;
  private final KafkaProducer<String, String> producer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
  private final Set<String> resentIds = ConcurrentHashMap.newKeySet();
  private final Thread poller;
  private volatile boolean running = true;

  Redelivery(ChaosConfig config) {
    this.config = config;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(c);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(config.kafkaTopic(), Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + config.kafkaTopic() + " has no partitions");
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // the end as of now, before the load starts
    } catch (RuntimeException e) {
      consumer.close(Duration.ofSeconds(2));
      throw e;
    }
    producer = new KafkaProducer<>(p);
    poller = new Thread(this::poll, "chaos-redelivery");
    poller.setDaemon(true);
    poller.start();
  }

  /**
   * Publishes again up to {@code count} records of the run's orders read so far (drawn with {@code
   * random}, none twice), and returns where the copies landed. Fails soft: a copy that cannot be
   * published (a broker is down) is left out.
   */
  List<Resent> resend(Random random, int count, Collection<Long> runOrders, List<String> problems) {
    List<ConsumerRecord<String, String>> candidates = new ArrayList<>();
    synchronized (seen) {
      for (ConsumerRecord<String, String> r : seen) {
        if (r.key() != null && runOrders.contains(parse(r.key()))) {
          candidates.add(r);
        }
      }
    }
    List<Resent> resent = new ArrayList<>();
    for (int i = 0; i < count && !candidates.isEmpty(); i++) {
      ConsumerRecord<String, String> original =
          candidates.remove(random.nextInt(candidates.size()));
      JsonNode event;
      try {
        event = JSON.readTree(original.value());
      } catch (IOException e) {
        continue;
      }
      String eventId = event.path("event_id").asText();
      if (eventId.isEmpty() || !resentIds.add(eventId)) {
        i--;
        continue;
      }
      ProducerRecord<String, String> copy =
          new ProducerRecord<>(
              original.topic(), null, original.key(), original.value(), original.headers());
      try {
        RecordMetadata at = producer.send(copy).get(20, TimeUnit.SECONDS);
        resent.add(
            new Resent(
                eventId,
                event.path("event").asText(),
                parse(original.key()),
                at.partition(),
                at.offset()));
      } catch (Exception e) {
        problems.add("re-publishing " + eventId + " failed: " + e);
      }
    }
    return resent;
  }

  /**
   * Publishes malformed records among the run's (issue 29): a tombstone, a value that is no JSON,
   * an event type outside the contract, and a well-formed-looking event whose {@code traceparent}
   * and {@code handled-by} headers are null, each under keys that spread them over the partitions.
   * The services must dead-letter them and go on: a partition they stopped would leave the run's
   * orders on it unfinished and its copies unconsumed, which the checks report. Returns how many
   * were published.
   */
  int injectMalformed(int round, List<String> problems) {
    int published = 0;
    for (int k = 0; k < 6; k++) {
      String key = "chaos-malformed-" + round + "-" + k;
      List<ProducerRecord<String, String>> records = new ArrayList<>();
      records.add(new ProducerRecord<>(config.kafkaTopic(), key, null));
      records.add(new ProducerRecord<>(config.kafkaTopic(), key, "{\"event\":"));
      records.add(
          new ProducerRecord<>(
              config.kafkaTopic(),
              key,
              "{\"event\":\"OrderTeleported\",\"event_id\":\"" + key + "\",\"order_id\":1}"));
      ProducerRecord<String, String> nullHeaders =
          new ProducerRecord<>(
              config.kafkaTopic(),
              key,
              "{\"event\":\"NoSuchEvent\",\"event_id\":\"" + key + "\",\"order_id\":1}");
      nullHeaders.headers().add("traceparent", null);
      nullHeaders.headers().add("handled-by", null);
      records.add(nullHeaders);
      for (ProducerRecord<String, String> record : records) {
        try {
          producer.send(record).get(20, TimeUnit.SECONDS);
          published++;
        } catch (Exception e) {
          problems.add("publishing a malformed record failed: " + e);
        }
      }
    }
    return published;
  }

  /** The committed offsets of {@code groups} on the topic: group to partition to offset. */
  Map<String, Map<Integer, Long>> committed(Collection<String> groups) {
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    Map<String, Map<Integer, Long>> result = new HashMap<>();
    try (Admin admin = Admin.create(a)) {
      for (String group : groups) {
        Map<Integer, Long> offsets = new HashMap<>();
        try {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin
                  .listConsumerGroupOffsets(group)
                  .partitionsToOffsetAndMetadata()
                  .get(20, TimeUnit.SECONDS);
          committed.forEach(
              (tp, om) -> {
                if (tp.topic().equals(config.kafkaTopic()) && om != null) {
                  offsets.put(tp.partition(), om.offset());
                }
              });
        } catch (Exception e) {
          // left empty: the check reports the copies as not consumed
        }
        result.put(group, offsets);
      }
    }
    return result;
  }

  private void poll() {
    while (running) {
      try {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          synchronized (seen) {
            if (seen.size() < BUFFER) {
              seen.add(record);
            }
          }
        }
      } catch (RuntimeException e) {
        // a broker restarting: the client reconnects on the next poll
      }
    }
    consumer.close(Duration.ofSeconds(2));
  }

  private static long parse(String key) {
    try {
      return Long.parseLong(key.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(5000);
    producer.close(Duration.ofSeconds(5));
  }
}
