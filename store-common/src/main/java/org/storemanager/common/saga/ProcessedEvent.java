package org.storemanager.common.saga;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event this service has handled (table {@code processed_events}), committed with the handler's
 * effects: a redelivered event finds its record and changes nothing.
 */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent {

  @Id
  @Column(name = "event_id", length = 36)
  private String eventId;

  @Column(name = "event_type", nullable = false, length = 40)
  private String eventType;

  @Column(name = "processed_at", nullable = false)
  private Instant processedAt;

  protected ProcessedEvent() {}

  ProcessedEvent(SagaEvent event) {
    this.eventId = event.eventId();
    this.eventType = event.event();
    this.processedAt = Instant.now();
  }
}
