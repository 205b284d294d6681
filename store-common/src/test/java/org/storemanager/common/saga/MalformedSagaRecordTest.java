package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Every malformed shape a producer can put on the saga topic, read by the consumer's edge and
 * routed by the dispatcher (pure logic: real kafka-clients records, a fake dead-letter topic and a
 * fake inbox, no broker): each one is dead-lettered with its reason and acknowledged, never thrown
 * back to the lane, and a well-formed event among them is still delivered (issue 29).
 */
class MalformedSagaRecordTest {

  private static final String EVENT =
      "{\"event\":\"OrderCreated\",\"event_id\":\"0d5e0c57-6c7b-4b8f-9a2d-1f3c5b7d9e01\","
          + "\"order_id\":42,\"user_id\":1,\"total_amount\":2.50,"
          + "\"order_items\":[{\"product_id\":3,\"quantity\":1,\"unit_price\":2.50}]}";

  /** The dead letters it took, as key, value and reason. */
  static final class DeadLetterTopic extends KafkaEventProducer {
    final List<String[]> taken = new ArrayList<>();

    @Override
    public void sendToDeadLetter(String key, String value, String reason, String origin) {
      taken.add(new String[] {key, value, reason, origin});
    }
  }

  /** Handles OrderCreated only; counts deliveries; may fail as told. */
  static final class FakeInbox extends Inbox {
    final List<SagaEvent> delivered = new ArrayList<>();
    RuntimeException failRouting;
    Error errorRouting;

    @Override
    boolean handles(SagaEvent event) {
      if (errorRouting != null) {
        throw errorRouting;
      }
      if (failRouting != null) {
        throw failRouting;
      }
      return event.type() == EventType.OrderCreated;
    }

    @Override
    public List<SagaEvent> deliver(SagaEvent event) {
      delivered.add(event);
      return List.of();
    }

    @Override
    public List<SagaEvent> deliverAll(
        List<SagaEvent> events,
        java.util.function.IntFunction<io.opentelemetry.context.Scope> scopes) {
      delivered.addAll(events);
      return List.of();
    }
  }

  private final DeadLetterTopic topic = new DeadLetterTopic();
  private final FakeInbox inbox = new FakeInbox();

  private SagaEventDispatcher dispatcher() {
    SagaEventDispatcher dispatcher = new SagaEventDispatcher();
    dispatcher.kafka = topic;
    dispatcher.inbox = inbox;
    dispatcher.metrics = new SagaMetrics();
    dispatcher.serviceName = "store-manager";
    SagaTracing tracing = new SagaTracing();
    tracing.openTelemetry = OpenTelemetry.noop();
    tracing.topic = "order-saga-events";
    tracing.init();
    dispatcher.tracing = tracing;
    return dispatcher;
  }

  private static final AtomicInteger OFFSETS = new AtomicInteger();

  private static ConsumerRecord<String, String> record(
      String key, String value, RecordHeaders headers) {
    int size = value == null ? -1 : value.getBytes(StandardCharsets.UTF_8).length;
    return new ConsumerRecord<>(
        "order-saga-events",
        3,
        OFFSETS.incrementAndGet(),
        0L,
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length(),
        size,
        key,
        value,
        headers,
        Optional.empty());
  }

  private static RecordHeaders headers(String name, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(name, value);
    return headers;
  }

  /** A message that unwraps to its Kafka record, as the liberty-kafka connector's do. */
  private static Message<String> message(ConsumerRecord<String, String> record) {
    return new Message<>() {
      @Override
      public String getPayload() {
        return record.value();
      }

      @Override
      public <C> C unwrap(Class<C> type) {
        return type.cast(record);
      }
    };
  }

  private SagaEventConsumer consumer(SagaEventDispatcher dispatcher) {
    SagaEventConsumer consumer = new SagaEventConsumer();
    consumer.dispatcher = dispatcher;
    return consumer;
  }

  private String onlyReason() {
    assertEquals(1, topic.taken.size(), "one dead letter");
    return topic.taken.get(0)[2];
  }

  @Test
  void aNullKeyIsNoObstacle() {
    consumer(dispatcher()).handle(List.of(message(record(null, EVENT, new RecordHeaders()))));
    assertEquals(1, inbox.delivered.size(), "delivered");
    assertTrue(topic.taken.isEmpty());
  }

  @Test
  void aTombstoneIsDeadLettered() {
    consumer(dispatcher()).handle(List.of(message(record("42", null, new RecordHeaders()))));
    assertTrue(onlyReason().contains("tombstone"), onlyReason());
    assertEquals("42", topic.taken.get(0)[0], "the key is kept");
    assertEquals("order-saga-events/3@" + OFFSETS.get(), topic.taken.get(0)[3]);
  }

  @Test
  void nullHeaderValuesAreAbsentHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SagaTracing.TRACEPARENT, null);
    headers.add(KafkaEventProducer.HANDLED_BY, null);
    consumer(dispatcher()).handle(List.of(message(record("42", EVENT, headers))));
    assertEquals(1, inbox.delivered.size(), "delivered as if it had no such headers");
    assertTrue(topic.taken.isEmpty());
  }

  @Test
  void nonUtf8HeaderBytesAreAbsentHeaders() {
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xF2, (byte) 0x90};
    assertNull(SagaRecordReader.header(headers(KafkaEventProducer.HANDLED_BY, bad), "handled-by"));
    RecordHeaders headers = headers(KafkaEventProducer.HANDLED_BY, bad);
    headers.add(SagaTracing.TRACEPARENT, bad);
    consumer(dispatcher()).handle(List.of(message(record("42", EVENT, headers))));
    assertEquals(1, inbox.delivered.size());
  }

  @Test
  void emptyAndOverlongHeadersAreAbsentToo() {
    assertNull(SagaRecordReader.header(headers("handled-by", new byte[0]), "handled-by"));
    assertNull(SagaRecordReader.header(headers("handled-by", new byte[1000]), "handled-by"));
    assertEquals(
        "store-manager",
        SagaRecordReader.header(
            headers("handled-by", "store-manager".getBytes(StandardCharsets.UTF_8)), "handled-by"));
  }

  @Test
  void nonUtf8ValueBytesAreDeadLettered() {
    String garbled =
        new String(new byte[] {(byte) 0xF2, (byte) 0x90, 0x0A}, StandardCharsets.UTF_8);
    consumer(dispatcher()).handle(List.of(message(record("42", garbled, new RecordHeaders()))));
    assertTrue(onlyReason().startsWith("unreadable"), onlyReason());
  }

  @Test
  void anUnknownEventIsDeadLettered() {
    String unknown = EVENT.replace("OrderCreated", "OrderTeleported");
    consumer(dispatcher()).handle(List.of(message(record("42", unknown, new RecordHeaders()))));
    assertTrue(onlyReason().contains("unknown event type"), onlyReason());
  }

  @Test
  void wrongFieldTypesAreDeadLettered() {
    for (String wrong :
        List.of(
            EVENT.replace("\"order_id\":42", "\"order_id\":\"forty-two\""),
            EVENT.replace("\"product_id\":3", "\"product_id\":{\"x\":1}"),
            EVENT.replace("\"order_items\":[", "\"order_items\":[null,"),
            EVENT.replace("\"quantity\":1", "\"quantity\":-1"),
            EVENT.replace("\"order_id\":42", "\"order_id\":-42"),
            EVENT.replace("0d5e0c57-6c7b-4b8f-9a2d-1f3c5b7d9e01", "x".repeat(37)),
            "[1,2,3]",
            "")) {
      consumer(dispatcher()).handle(List.of(message(record("42", wrong, new RecordHeaders()))));
    }
    assertEquals(8, topic.taken.size(), "each one dead-lettered");
    assertTrue(inbox.delivered.isEmpty(), "none delivered");
  }

  @Test
  void aHugeRecordIsDeadLetteredWithoutParsingAndCutToFit() {
    String huge = "{\"event\":\"OrderCreated\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}";
    consumer(dispatcher()).handle(List.of(message(record("42", huge, new RecordHeaders()))));
    assertTrue(onlyReason().startsWith("too large"), onlyReason());
    assertTrue(onlyReason().contains("value cut"), onlyReason());
    assertEquals(SagaEventDispatcher.MAX_DEAD_LETTER_VALUE, topic.taken.get(0)[1].length());
  }

  @Test
  void anErrorWhileRoutingDeadLettersTheRecordInsteadOfStoppingTheLane() {
    inbox.errorRouting = new StackOverflowError("test");
    consumer(dispatcher()).handle(List.of(message(record("42", EVENT, new RecordHeaders()))));
    assertTrue(onlyReason().startsWith("not routable"), onlyReason());
  }

  @Test
  void aFailureOfTheWholeBatchIsDeadLetteredRecordByRecord() {
    SagaEventDispatcher failing =
        new SagaEventDispatcher() {
          @Override
          public void dispatchAll(List<SagaRecord> records) {
            throw new LinkageError("test");
          }
        };
    SagaEventDispatcher real = dispatcher();
    failing.kafka = real.kafka;
    failing.inbox = real.inbox;
    failing.metrics = real.metrics;
    failing.serviceName = real.serviceName;
    failing.tracing = real.tracing;
    inbox.failRouting = new IllegalStateException("routing broken");
    consumer(failing)
        .handle(
            List.of(
                message(record("1", EVENT, new RecordHeaders())),
                message(record("2", EVENT, new RecordHeaders()))));
    assertEquals(2, topic.taken.size(), "both placed on the dead-letter topic");
    assertEquals("1", topic.taken.get(0)[0], "in their order");
  }

  @Test
  void aWellFormedEventAmongMalformedOnesIsDelivered() {
    RecordHeaders nulls = new RecordHeaders();
    nulls.add(SagaTracing.TRACEPARENT, null);
    consumer(dispatcher())
        .handle(
            List.of(
                message(record(null, null, new RecordHeaders())),
                message(record("42", EVENT, nulls)),
                message(record("42", "{", new RecordHeaders()))));
    assertEquals(1, inbox.delivered.size());
    assertEquals(2, topic.taken.size());
  }
}
