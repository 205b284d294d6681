package org.storemanager.orders.query;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.saga.OrderEventLog;

/**
 * The event timeline of an order ({@code GET /orders/{id}/events}): every saga event of the order
 * that a service still records, who published it and when, and who consumed it, when, and with
 * which saga state afterwards. It is assembled from the services' own outbox and inbox tables
 * ({@link OrderEventLog}), so it shows what really happened, including late copies and replays;
 * those rows are deleted after {@code outbox.retention.hours}, and so is the timeline.
 *
 * <p>{@code complete} is false when a service's log could not be read ({@code missing} says why):
 * the events that service published then show with the time the Store Manager consumed them, and
 * its consumptions do not show.
 */
@JsonbNillable
public record OrderTimelineView(
    @Schema(required = true, minimum = "1") long orderId,
    // No enum schema, as for state_after below: a null must pass the validators.
    @Schema(
            required = true,
            nullable = true,
            description =
                "The order's saga state (one of the SagaState names: CREATING_ORDER ..."
                    + " COMPLETED, CANCELLED); null once the order was deleted")
        String sagaState,
    @Schema(required = true, format = "date-time") String createdAt,
    @Schema(
            required = true,
            description = "How long the services keep these records (outbox.retention.hours)")
        long retentionHours,
    @Schema(required = true, description = "Oldest first (publication time, then the saga's order)")
        List<Event> events,
    @Schema(required = true, description = "Whether every service's log was read") boolean complete,
    @Schema(
            required = true,
            nullable = true,
            description = "Which log is missing and why (when complete is false)")
        String missing,
    @Schema(
            required = true,
            nullable = true,
            description = "Why events are missing: the order is older than the retention period")
        String note) {

  /** The two services of the saga, as their {@code service.name}. */
  public static final String STORE_MANAGER = "store-manager";

  public static final String PAYMENT = "payment";

  /** One saga event: published once, consumed by every service that handles its type. */
  @JsonbNillable
  public record Event(
      @Schema(required = true, description = "The event type (SagaEvent.event)") String event,
      @Schema(required = true) String eventId,
      @Schema(
              required = true,
              format = "date-time",
              description =
                  "When it was written to its publisher's outbox (if that log is missing or its"
                      + " row gone: when it was first consumed)")
          String at,
      @Schema(
              required = true,
              enumeration = {STORE_MANAGER, PAYMENT})
          String publishedBy,
      @Schema(
              required = true,
              nullable = true,
              format = "date-time",
              description = "When Kafka acknowledged it; null while unsent or unknown")
          String sentAt,
      @Schema(required = true, description = "Oldest first; empty while nobody has handled it")
          List<Consumption> consumedBy) {}

  /** One service handled the event (its inbox record committed with the handlers' effects). */
  @JsonbNillable
  public record Consumption(
      @Schema(
              required = true,
              enumeration = {STORE_MANAGER, PAYMENT})
          String service,
      @Schema(required = true, format = "date-time") String at,
      // No enum schema: OpenAPI 3.0 validators would not let null through a $ref or an enum.
      @Schema(
              required = true,
              nullable = true,
              description =
                  "The order's saga state (saga_state) after the handlers; null for the payment"
                      + " service, which keeps none")
          String stateAfter) {}

  /**
   * Merges the logs that could be read (the Store Manager's, and the payment service's unless
   * {@code missing} says why not) into the sorted timeline. An event is published by the service
   * whose outbox has it; an event in no outbox read (the publisher's log is missing, its row past
   * the retention, or a record injected by hand) is attributed by the contract: the payment service
   * publishes the Payment* events, the Store Manager the others.
   */
  public static OrderTimelineView assemble(
      long orderId,
      String sagaState,
      Instant createdAt,
      long retentionHours,
      Instant now,
      List<OrderEventLog> logs,
      String missing) {
    Map<String, Draft> drafts = new LinkedHashMap<>();
    for (OrderEventLog log : logs) {
      for (OrderEventLog.Published row : log.published()) {
        Draft draft = drafts.computeIfAbsent(row.eventId(), id -> new Draft(id, row.event()));
        draft.publishedBy = log.service();
        draft.at = row.createdAt();
        draft.sentAt = row.sentAt();
      }
    }
    for (OrderEventLog log : logs) {
      for (OrderEventLog.Processed row : log.processed()) {
        drafts
            .computeIfAbsent(row.eventId(), id -> new Draft(id, row.event()))
            .consumed
            .add(new Consumption(log.service(), row.processedAt(), row.stateAfter()));
      }
    }
    List<Event> events = drafts.values().stream().map(Draft::event).sorted(EVENT_ORDER).toList();
    return new OrderTimelineView(
        orderId,
        sagaState,
        createdAt.toString(),
        retentionHours,
        events,
        missing == null,
        missing,
        note(events.isEmpty(), createdAt, retentionHours, now));
  }

  /** The note for an order older than the retention period, else null. */
  static String note(boolean noEvents, Instant createdAt, long retentionHours, Instant now) {
    if (!createdAt.isBefore(now.minus(Duration.ofHours(retentionHours)))) {
      return null;
    }
    return noEvents
        ? "No events: the order is older than the retention period ("
            + retentionHours
            + " h, outbox.retention.hours), after which the services delete their outbox and"
            + " processed-event records"
        : "The order is older than the retention period ("
            + retentionHours
            + " h, outbox.retention.hours): some of its events may already be deleted";
  }

  /** By time, then in the saga's order of the types (same-second times on MariaDB), then by id. */
  static final Comparator<Event> EVENT_ORDER =
      Comparator.comparing(
              (Event e) -> instant(e.at()), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparingInt(
              e -> EventType.parse(e.event()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
          .thenComparing(Event::eventId);

  private static final Comparator<Consumption> CONSUMPTION_ORDER =
      Comparator.comparing(
              (Consumption c) -> instant(c.at()), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Consumption::service);

  /** The publisher the contract names for a type (docs/event-contract.md, "Event types"). */
  static String publisherByContract(String event) {
    return Optional.ofNullable(event).filter(type -> type.startsWith("Payment")).isPresent()
        ? PAYMENT
        : STORE_MANAGER;
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An event while the logs are merged. */
  private static final class Draft {
    final String eventId;
    final String type;
    final List<Consumption> consumed = new ArrayList<>();
    String publishedBy;
    String at;
    String sentAt;

    Draft(String eventId, String type) {
      this.eventId = eventId;
      this.type = type;
    }

    Event event() {
      List<Consumption> consumedBy = consumed.stream().sorted(CONSUMPTION_ORDER).toList();
      if (publishedBy == null) {
        return new Event(
            type,
            eventId,
            consumedBy.isEmpty() ? null : consumedBy.get(0).at(),
            publisherByContract(type),
            null,
            consumedBy);
      }
      return new Event(type, eventId, at, publishedBy, sentAt, consumedBy);
    }
  }
}
