package org.storemanager.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Test access to the real broker: publish records, read the saga and dead-letter topics. */
final class KafkaTopics {

  private KafkaTopics() {}

  static void publish(String key, String value) throws Exception {
    publishTo(Stack.TOPIC, key, value);
  }

  /**
   * Puts a record on the dead-letter topic as a consumer that gave up on it would; returns its id
   * as {@code ./stack dlq} names it ({@code <partition>-<offset>}).
   */
  static String deadLetter(String key, String value) throws Exception {
    return publishTo(Stack.TOPIC + ".dlq", key, value);
  }

  private static String publishTo(String topic, String key, String value) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      record.headers().add("error", "test: parked by hand".getBytes(StandardCharsets.UTF_8));
      record.headers().add("consumer", "test".getBytes(StandardCharsets.UTF_8));
      var sent = producer.send(record).get(15, TimeUnit.SECONDS);
      return sent.partition() + "-" + sent.offset();
    }
  }

  /**
   * The "consumer" header of every dead-letter record whose value contains {@code marker}, read
   * until {@code expected} are found or the deadline passes.
   */
  static List<String> deadLettersFor(String marker, int expected, Duration timeout) {
    Properties config = fromTheStart();
    List<String> consumers = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(Stack.TOPIC + ".dlq"));
      while (consumers.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() != null && record.value().contains(marker)) {
            var header = record.headers().lastHeader("consumer");
            consumers.add(
                header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return consumers;
  }

  /** A consumer of a group of its own that reads a topic from its start. */
  static Properties fromTheStart() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return config;
  }

  /**
   * The "consumer" headers of the dead letters whose key starts with {@code prefix}, by key, read
   * until {@code expected} are found or the deadline passes.
   */
  static Map<String, List<String>> deadLettersByKey(String prefix, int expected, Duration timeout) {
    Map<String, List<String>> found = new java.util.HashMap<>();
    int count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(fromTheStart())) {
      consumer.subscribe(List.of(Stack.TOPIC + ".dlq"));
      while (count < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && record.key().startsWith(prefix)) {
            var header = record.headers().lastHeader("consumer");
            found
                .computeIfAbsent(record.key(), k -> new ArrayList<>())
                .add(header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8));
            count++;
          }
        }
      }
    }
    return found;
  }

  /**
   * The saga records of one order written since {@code sinceMillis}, in their order, each as {@code
   * "<event> handled-by=<header>"} ({@code -} without the header), read from the order's partition
   * until {@code expected} are found or the deadline passes.
   */
  static List<String> sagaRecordsOf(
      long orderId, long sinceMillis, int expected, Duration timeout) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    String key = Long.toString(orderId);
    Pattern type = Pattern.compile("\"event\"\\s*:\\s*\"(\\w+)\"");
    List<String> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      int partitions = consumer.partitionsFor(Stack.TOPIC).size();
      // the producers' default partitioner: murmur2 of the key
      int partition =
          Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
      TopicPartition topicPartition = new TopicPartition(Stack.TOPIC, partition);
      consumer.assign(List.of(topicPartition));
      OffsetAndTimestamp from =
          consumer.offsetsForTimes(Map.of(topicPartition, sinceMillis)).get(topicPartition);
      if (from == null) {
        consumer.seekToEnd(List.of(topicPartition));
      } else {
        consumer.seek(topicPartition, from.offset());
      }
      while (records.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            Matcher event = type.matcher(record.value());
            var header = record.headers().lastHeader("handled-by");
            records.add(
                (event.find() ? event.group(1) : "?")
                    + " handled-by="
                    + (header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return records;
  }
}
