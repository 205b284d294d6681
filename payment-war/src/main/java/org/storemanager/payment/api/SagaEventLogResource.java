package org.storemanager.payment.api;

import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.saga.OrderEventLog;
import org.storemanager.common.saga.OrderEventLogReader;

/**
 * {@code /payments/saga/orders/{orderId}/events}: the payment service's share of an order's event
 * timeline, the saga events of the order it published (its outbox) and handled (its inbox). The
 * Store Manager's {@code GET /orders/{id}/events} calls it with its caller's token, so the roles
 * are those of that endpoint (clerk and manager). This service does not know orders: an order it
 * has no record of has an empty log, not a 404.
 */
@Path("/payments/saga")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "saga")
public class SagaEventLogResource {

  @Inject OrderEventLogReader logs;

  @GET
  @Path("orders/{orderId: \\d+}/events")
  @RolesAllowed(MANAGER) // the payment service's share of the manager's timeline
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Operation(
      operationId = "getOrderSagaEvents",
      summary = "The saga events of an order this service published and handled",
      description =
          "From the outbox (published: created_at, sent_at) and the inbox (processed:"
              + " processed_at). Records are deleted after outbox.retention.hours; inbox records"
              + " written before the order id was recorded do not show.")
  @APIResponse(
      responseCode = "200",
      description = "OK (empty lists for an order this service has no record of)",
      content = @Content(schema = @Schema(implementation = OrderEventLog.class)))
  public OrderEventLog events(@PathParam("orderId") long orderId) {
    return logs.read(orderId);
  }
}
