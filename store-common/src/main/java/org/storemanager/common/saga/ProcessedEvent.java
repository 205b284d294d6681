package org.storemanager.common.saga;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event this service has handled (table {@code processed_events}), committed with the handler's
 * effects: a redelivered event finds its record and changes nothing. It also says which order the
 * event was about and, where the service keeps a saga state, the order's state once the handlers
 * had run: the consumption side of an order's event timeline ({@code GET /orders/{id}/events}).
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

  @Column(name = "order_id")
  private Long orderId;

  /** The order's saga state after the handlers ran ({@link SagaProgress}); null if none. */
  @Column(name = "state_after", length = 40)
  private String stateAfter;

  protected ProcessedEvent() {}

  ProcessedEvent(SagaEvent event) {
    this.eventId = event.eventId();
    this.eventType = event.event();
    this.processedAt = Instant.now();
    this.orderId = event.orderId();
  }

  void noteStateAfter(String state) {
    this.stateAfter = state.length() > 40 ? state.substring(0, 40) : state;
  }
}
