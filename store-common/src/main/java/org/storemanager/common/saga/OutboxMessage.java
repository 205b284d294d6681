package org.storemanager.common.saga;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event waiting to be published (table {@code outbox_messages}). Written in the same transaction
 * as the state change that caused it; {@code sentAt} is set once Kafka acknowledged it.
 */
@Entity
@Table(name = "outbox_messages")
public class OutboxMessage {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "event_id", nullable = false, length = 36)
  private String eventId;

  @Column(name = "event_type", nullable = false, length = 40)
  private String eventType;

  /** The order id: the Kafka record key, so every event of one order lands in one partition. */
  @Column(name = "aggregate_id", nullable = false)
  private long aggregateId;

  @Column(nullable = false, columnDefinition = "TEXT")
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  /** The W3C trace context the event was raised in (null without tracing): see SagaTracing. */
  @Column(length = 55)
  private String traceparent;

  /**
   * Whether the publishing service handled the event in the transaction that wrote this row (a
   * follow-up, {@link Inbox}): its Kafka record then carries {@code handled-by}, and that service
   * skips it.
   */
  @Column(name = "handled_by_publisher", nullable = false)
  private boolean handledByPublisher;

  protected OutboxMessage() {}

  /** The row's id, known once persisted. */
  long id() {
    return id;
  }

  /** What the relay sends, once persisted, behind the rows {@code unsentBefore}. */
  OutboxBatch.Row row(java.util.Set<Long> unsentBefore) {
    return new OutboxBatch.Row(
        id, aggregateId, payload, eventType, traceparent, handledByPublisher, unsentBefore);
  }

  OutboxMessage(SagaEvent event, String traceparent, boolean handledByPublisher) {
    this.traceparent = traceparent;
    this.handledByPublisher = handledByPublisher;
    this.eventId = event.eventId();
    this.eventType = event.event();
    this.aggregateId = event.orderId();
    this.payload = event.toJson();
    this.createdAt = Instant.now();
  }
}
