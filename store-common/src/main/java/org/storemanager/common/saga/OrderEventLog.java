package org.storemanager.common.saga;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one service's own tables say about the saga events of one order: the events it published
 * (its outbox, {@code outbox_messages}) and the events it handled (its inbox, {@code
 * processed_events}). The Store Manager merges its own log and the payment service's into the
 * order's timeline ({@code GET /orders/{id}/events}); the payment service answers its log over
 * REST. Times are ISO-8601 instants as text, as everywhere in the REST contract. Rows older than
 * {@code outbox.retention.hours} are gone (OutboxBatch.deleteOlderThan).
 */
@JsonbNillable
public record OrderEventLog(
    @Schema(required = true) long orderId,
    @Schema(required = true, description = "The service whose tables these are (service.name)")
        String service,
    @Schema(required = true, description = "Its outbox rows of the order, in the order written")
        List<Published> published,
    @Schema(required = true, description = "Its inbox rows of the order, oldest first")
        List<Processed> processed) {

  /** An outbox row: written with the state change that caused the event, sent once acknowledged. */
  @JsonbNillable
  public record Published(
      @Schema(required = true) String eventId,
      @Schema(required = true, description = "The event type (SagaEvent.event)") String event,
      @Schema(required = true, format = "date-time") String createdAt,
      @Schema(
              required = true,
              nullable = true,
              format = "date-time",
              description = "When Kafka acknowledged it; null while it waits in the outbox")
          String sentAt) {}

  /** An inbox row: the event was handled, and the handlers' effects committed, at that time. */
  @JsonbNillable
  public record Processed(
      @Schema(required = true) String eventId,
      @Schema(required = true) String event,
      @Schema(required = true, format = "date-time") String processedAt,
      @Schema(
              required = true,
              nullable = true,
              description = "The order's saga state after the handlers (a service that keeps one)")
          String stateAfter) {}
}
