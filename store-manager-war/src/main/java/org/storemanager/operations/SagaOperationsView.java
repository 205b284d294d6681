package org.storemanager.operations;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.storemanager.orders.query.RecentOrder;

/**
 * {@code GET /operations/saga}: the saga's backlog on this Store Manager instance and its consumer
 * group, and the newest orders. The backlog numbers are a background snapshot ({@code
 * backlog_refreshed_at}, every few seconds); a value is null while it is unknown (not measured yet,
 * or Kafka or the database did not answer: the {@code *_problem} fields say why).
 */
@JsonbNillable
public record SagaOperationsView(
    @Schema(required = true, description = "service.name of this instance") String service,
    @Schema(required = true, nullable = true, description = "Outbox rows not yet published")
        Long outboxUnsent,
    @Schema(
            required = true,
            nullable = true,
            description = "Age of the oldest unpublished outbox row; null when there is none")
        Long outboxOldestUnsentAgeSeconds,
    @Schema(
            required = true,
            nullable = true,
            description = "Records on the dead-letter topic, all services (the health check's)")
        Long deadLetters,
    @Schema(required = true, nullable = true, description = "Why dead_letters is unknown")
        String deadLettersProblem,
    @Schema(required = true, description = "Records this instance dead-lettered since it started")
        long deadLetteredHere,
    @Schema(required = true) String consumerGroup,
    @Schema(required = true) String topic,
    @Schema(
            required = true,
            nullable = true,
            description = "Records of the topic the group has not handled yet, all consumers")
        Long consumerLag,
    @Schema(required = true, description = "Each consumer of the group (a lane of an instance)")
        List<Consumer> consumers,
    @Schema(required = true, nullable = true, format = "date-time") String backlogRefreshedAt,
    @Schema(
            required = true,
            nullable = true,
            description = "What failed at the last refresh (older values are kept)")
        String backlogProblem,
    @Schema(required = true, description = "The 20 newest orders, newest first")
        List<RecentOrder> recentOrders) {

  /** One consumer of the group and its lag; no member id for partitions no consumer holds. */
  @JsonbNillable
  public record Consumer(
      @Schema(required = true, nullable = true) String memberId,
      @Schema(required = true, nullable = true) String clientId,
      @Schema(required = true, nullable = true) String host,
      @Schema(required = true) List<Integer> partitions,
      @Schema(required = true) long lag) {}
}
