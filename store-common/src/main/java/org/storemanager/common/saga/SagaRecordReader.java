package org.storemanager.common.saga;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The one place where a Kafka record of the saga topic is read, as untrusted bytes: any producer
 * may write to the topic, so a key, a value or a header may be null, empty, not UTF-8, or huge.
 * What it returns is a {@link SagaEventDispatcher.SagaRecord} the inside can rely on: a header that
 * is not a short UTF-8 string is treated as absent, and a record that cannot be an event (no value,
 * too large, unreadable) carries the reason in {@code problem}, so the dispatcher dead-letters it
 * without parsing it. This method never throws: a record it could not read at all is returned with
 * a problem too. So no record can stop its partition here (issue 29).
 */
final class SagaRecordReader {

  /** Longest header value kept (traceparent is 55 characters, handled-by a service name). */
  static final int MAX_HEADER_BYTES = 256;

  /**
   * Largest value read as an event (bytes). An order of the contract is a few kB; a record above
   * this is dead-lettered as too large, without parsing.
   */
  static final int MAX_VALUE_BYTES = 256 * 1024;

  private SagaRecordReader() {}

  /** Reads a record of the saga topic; never throws. */
  static SagaEventDispatcher.SagaRecord read(ConsumerRecord<?, ?> record) {
    String origin = null;
    try {
      origin = record.topic() + "/" + record.partition() + "@" + record.offset();
      String key = text(record.key());
      Object raw = record.value();
      String traceparent = header(record.headers(), SagaTracing.TRACEPARENT);
      String handledBy = header(record.headers(), KafkaEventProducer.HANDLED_BY);
      if (raw == null) {
        return new SagaEventDispatcher.SagaRecord(
            key, null, traceparent, handledBy, origin, "no value (a tombstone)");
      }
      String value = text(raw);
      int size = record.serializedValueSize() >= 0 ? record.serializedValueSize() : value.length();
      if (size > MAX_VALUE_BYTES) {
        return new SagaEventDispatcher.SagaRecord(
            key,
            value,
            traceparent,
            handledBy,
            origin,
            "too large: " + size + " bytes (at most " + MAX_VALUE_BYTES + ")");
      }
      return new SagaEventDispatcher.SagaRecord(key, value, traceparent, handledBy, origin, null);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return new SagaEventDispatcher.SagaRecord(
          null, null, null, null, origin, "unreadable record: " + e);
    }
  }

  /** A payload that is not a Kafka record (a test's in-memory message): its value only. */
  static SagaEventDispatcher.SagaRecord value(Object payload) {
    if (payload == null) {
      return new SagaEventDispatcher.SagaRecord(
          null, null, null, null, null, "no value (a tombstone)");
    }
    return new SagaEventDispatcher.SagaRecord(null, text(payload), null, null, null, null);
  }

  /**
   * A header's value as text, or null when it is absent, null, empty, longer than {@value
   * #MAX_HEADER_BYTES} bytes or not valid UTF-8 (then it cannot be a value we wrote).
   */
  static String header(Headers headers, String name) {
    if (headers == null) {
      return null;
    }
    Header header = headers.lastHeader(name);
    if (header == null) {
      return null;
    }
    byte[] bytes = header.value();
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_HEADER_BYTES) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A key or value as text: the connector's deserializers give strings; bytes are decoded. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
    }
    return value.toString();
  }
}
