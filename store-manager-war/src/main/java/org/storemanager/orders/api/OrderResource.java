package org.storemanager.orders.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.idempotency.IdempotencyKey;
import org.storemanager.common.idempotency.IdempotentRequests;
import org.storemanager.orders.command.OrderService;
import org.storemanager.orders.command.OrderService.OrderLine;
import org.storemanager.orders.model.OrderView;
import org.storemanager.orders.query.OrderQueries;
import org.storemanager.orders.query.OrderReadModel;
import org.storemanager.orders.query.OrderTimeline;
import org.storemanager.orders.query.OrderTimelineView;
import org.storemanager.orders.query.RecentOrder;

/**
 * {@code /orders}: place, read (from the read model), delete, record payment, and follow an order's
 * saga event by event ({@code /orders/{id}/events}).
 */
@Path("/orders")
@RolesAllowed({CLERK, MANAGER})
@SecurityRequirement(
    name = "bearer",
    scopes = {CLERK, MANAGER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

  public record ItemRequest(
      @Schema(format = "int64", description = "An existing product") @NotNull @Positive
          Long productId,
      @Schema(format = "int32") @NotNull @Positive @Max(1_000_000) Integer quantity) {}

  public record PlaceOrderRequest(
      @Schema(format = "int64", description = "An existing user") @NotNull @Positive Long userId,
      @Schema(description = "Lines for the same product are merged") @NotEmpty @Size(max = 100)
          List<@Valid @NotNull ItemRequest> items) {}

  public record OrderCreated(@Schema(required = true, minimum = "1") long orderId) {}

  public record UpdatePaymentRequest(
      @Schema(format = "int64") @NotNull @Positive Long orderId,
      @Schema(name = "is_paid") @NotNull Boolean isPaid,
      @Schema(
              description = "An http(s) URL; omitted or null leaves no link",
              nullable = true,
              pattern = "^https?://\\S+$")
          @Size(max = 512)
          @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String paymentLink) {}

  @Inject OrderService orders;
  @Inject OrderReadModel readModel;
  @Inject IdempotentRequests idempotent;
  @Inject OrderTimeline timeline;
  @Inject OrderQueries queries;

  @POST
  @Operation(
      operationId = "placeOrder",
      summary = "Place an order",
      description =
          "Prices are those of the moment; stock and payment follow in the order saga (read the"
              + " order to follow its saga_state). With an Idempotency-Key, a retry of the same"
              + " request within 24 h gets the first answer again (marked Idempotent-Replayed:"
              + " true) and places nothing.")
  @APIResponse(
      responseCode = "201",
      description = "Placed; Location is the order's URL",
      headers = {
        @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
        @Header(
            name = IdempotencyKey.REPLAYED_HEADER,
            description =
                "Present (true) when this is the stored answer of an earlier request with the same"
                    + " Idempotency-Key",
            schema = @Schema(type = SchemaType.STRING, enumeration = "true"))
      },
      content = @Content(schema = @Schema(implementation = OrderCreated.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Malformed JSON, wrong types or a field that breaks its constraint; or a malformed"
              + " Idempotency-Key")
  @APIResponse(
      responseCode = "409",
      description = "A request with the same Idempotency-Key is still being processed")
  @APIResponse(
      responseCode = "422",
      description =
          "Unknown user or product, or a total above 9999999999.99; or an Idempotency-Key already"
              + " used with a different request")
  @APIResponse(
      responseCode = "429",
      description = "The gateway's limit of orders per client (bearer token) and minute")
  public Response place(
      @Valid @NotNull PlaceOrderRequest request,
      @Parameter(
              in = ParameterIn.HEADER,
              description = IdempotencyKey.PARAMETER_DESCRIPTION,
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      minLength = 1,
                      maxLength = IdempotencyKey.MAX_LENGTH,
                      pattern = IdempotencyKey.PATTERN))
          @HeaderParam(IdempotencyKey.HEADER)
          String idempotencyKey,
      @Context UriInfo uri,
      @Context SecurityContext caller) {
    return idempotent.run(
        "POST /orders",
        caller.getUserPrincipal(),
        idempotencyKey,
        request,
        () -> {
          long id =
              orders.place(
                  request.userId(),
                  request.items().stream()
                      .map(item -> new OrderLine(item.productId(), item.quantity()))
                      .toList());
          return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
              .entity(new OrderCreated(id))
              .build();
        });
  }

  /** The newest orders (highest ids first), without their items: the staff app's recent list. */
  @GET
  @Operation(
      operationId = "recentOrders",
      summary = "The newest orders, newest first",
      description = "Without their items; read an order for those. limit: 1 to 100.")
  public List<RecentOrder> recent(
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return queries.recent(limit);
  }

  @GET
  @Path("{id: \\d+}")
  @Operation(operationId = "getOrder", summary = "Read an order (from the read model)")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderView.class)))
  public Response get(@PathParam("id") long id) {
    String json =
        readModel
            .findJson(id)
            .orElseThrow(() -> new ResourceNotFoundException("Order " + id + " does not exist"));
    return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * The order's saga as it happened, from the services' outbox and inbox records: the caller's
   * token is passed on to the payment service for its share. Read from MySQL, not the read model.
   */
  @GET
  @Path("{id: \\d+}/events")
  @RolesAllowed(MANAGER) // an operator's view of the saga (docs/observability.md)
  @SecurityRequirement(name = "bearer", scopes = MANAGER)
  @Operation(
      operationId = "getOrderEvents",
      summary = "The event timeline of an order's saga",
      description =
          "Every saga event of the order the services still record: who published it and when,"
              + " when Kafka took it, and which service consumed it when, with the order's saga"
              + " state after the Store Manager's handlers. Oldest first. The records are deleted"
              + " after outbox.retention.hours (retention_hours): an older order's timeline is"
              + " empty and says so (note). If the payment service does not answer within 2 s,"
              + " the answer is still 200, with what the Store Manager knows, complete false and"
              + " the reason in missing.")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderTimelineView.class)))
  @APIResponse(responseCode = "404", description = "The order does not exist")
  public OrderTimelineView events(@PathParam("id") long id, @Context HttpHeaders headers) {
    return timeline
        .of(id, headers.getHeaderString(HttpHeaders.AUTHORIZATION))
        .orElseThrow(() -> new ResourceNotFoundException("Order " + id + " does not exist"));
  }

  @DELETE
  @Path("{id: \\d+}")
  @Operation(
      operationId = "deleteOrder",
      summary = "Delete an order whose saga has ended and that is not paid",
      description =
          "The units the order holds go back into stock; its payment is voided (OrderDeleted). A"
              + " paid order is refused: record its refund first (PUT is_paid=false).")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "409",
      description = "The order's saga is still running (not COMPLETED or CANCELLED), or it is paid")
  public Response delete(@PathParam("id") long id) {
    orders.delete(id);
    return Response.noContent().build();
  }

  /**
   * {@code {order_id, is_paid, payment_link}}: records a payment reported from outside the saga (a
   * manual correction, a refund, another payment system), only for a COMPLETED order. The payment
   * service itself reports through the saga topic (PaymentCompleted).
   */
  @PUT
  @Operation(operationId = "updateOrderPayment", summary = "Record a payment outcome")
  @APIResponse(
      responseCode = "200",
      description = "The order after the change",
      content = @Content(schema = @Schema(implementation = OrderView.class)))
  @APIResponse(responseCode = "404", description = "The order does not exist")
  @APIResponse(
      responseCode = "409",
      description = "The order is not COMPLETED: a running or cancelled saga decides alone")
  public OrderView updatePayment(@Valid @NotNull UpdatePaymentRequest request) {
    return orders.updatePayment(request.orderId(), request.isPaid(), request.paymentLink());
  }
}
