package org.storemanager.operations;

import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.saga.DeadLetterHealthCheck;
import org.storemanager.common.saga.SagaBacklog;
import org.storemanager.orders.query.OrderQueries;

/**
 * {@code /operations/saga}: what the operations page shows, for managers. Answers at once: the
 * backlog and the dead-letter count are the last background measurements ({@link SagaBacklog},
 * {@link DeadLetterHealthCheck}), only the newest orders are read now (one indexed query).
 */
@Path("/operations")
@RolesAllowed(MANAGER)
@SecurityRequirement(name = "bearer", scopes = MANAGER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class OperationsResource {

  static final int RECENT_ORDERS = 20;

  @Inject SagaBacklog backlog;
  @Inject @Liveness DeadLetterHealthCheck deadLetters;
  @Inject OrderQueries orders;

  @Inject
  @ConfigProperty(name = "service.name")
  String service;

  @GET
  @Path("saga")
  @Operation(
      operationId = "getSagaOperations",
      summary = "The saga's backlog and the newest orders (the operations page's data)",
      description =
          "Outbox rows waiting to be published, records on the dead-letter topic, the consumer"
              + " group's lag per consumer, and the 20 newest orders with their saga state. The"
              + " backlog is measured in the background every few seconds: a value is null while"
              + " unknown, with the reason in the *_problem fields.")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = SagaOperationsView.class)))
  public SagaOperationsView saga() {
    SagaBacklog.Snapshot snapshot = backlog.snapshot();
    Map<String, Object> health = deadLetters.call().getData().orElse(Map.of());
    String count = String.valueOf(health.getOrDefault("dead_letters", "unknown"));
    boolean known = count.matches("\\d{1,18}");
    return new SagaOperationsView(
        service,
        snapshot.outboxUnsent(),
        snapshot.outboxOldestUnsentAgeSeconds(),
        known ? Long.valueOf(count) : null,
        known ? null : count,
        health.get("dead_lettered_here") instanceof Number n ? n.longValue() : 0,
        backlog.groupId(),
        backlog.topic(),
        snapshot.consumerLag(),
        snapshot.consumers().stream()
            .map(
                c ->
                    new SagaOperationsView.Consumer(
                        c.memberId(), c.clientId(), c.host(), c.partitions(), c.lag()))
            .toList(),
        snapshot.refreshedAt() == null ? null : snapshot.refreshedAt().toString(),
        snapshot.refreshedAt() == null ? "not measured yet" : snapshot.problem(),
        orders.recent(RECENT_ORDERS));
  }
}
