package org.storemanager.orders.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.orders.command.OrderService;
import org.storemanager.orders.command.OrderService.OrderLine;
import org.storemanager.orders.query.OrderReadModel;
import org.storemanager.orders.query.OrderView;

/** {@code /orders}: place, read (from the read model), delete, and record payment. */
@Path("/orders")
@RolesAllowed({CLERK, MANAGER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

  public record ItemRequest(
      @NotNull @Positive Long productId, @NotNull @Positive @Max(1_000_000) Integer quantity) {}

  public record PlaceOrderRequest(
      @NotNull @Positive Long userId,
      @NotEmpty @Size(max = 100) List<@Valid @NotNull ItemRequest> items) {}

  public record OrderCreated(long orderId) {}

  public record UpdatePaymentRequest(
      @NotNull @Positive Long orderId,
      @NotNull Boolean isPaid,
      @Size(max = 512) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String paymentLink) {}

  @Inject OrderService orders;
  @Inject OrderReadModel readModel;

  @POST
  public Response place(@Valid @NotNull PlaceOrderRequest request, @Context UriInfo uri) {
    long id =
        orders.place(
            request.userId(),
            request.items().stream()
                .map(item -> new OrderLine(item.productId(), item.quantity()))
                .toList());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new OrderCreated(id))
        .build();
  }

  @GET
  @Path("{id: \\d+}")
  public Response get(@PathParam("id") long id) {
    String json =
        readModel
            .findJson(id)
            .orElseThrow(() -> new ResourceNotFoundException("Order " + id + " does not exist"));
    return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
  }

  @DELETE
  @Path("{id: \\d+}")
  public Response delete(@PathParam("id") long id) {
    orders.delete(id);
    return Response.noContent().build();
  }

  /**
   * {@code {order_id, is_paid, payment_link}}: records a payment reported from outside the saga (a
   * manual correction, another payment system). The payment service itself reports through the saga
   * topic (PaymentCompleted).
   */
  @PUT
  public OrderView updatePayment(@Valid @NotNull UpdatePaymentRequest request) {
    return orders.updatePayment(request.orderId(), request.isPaid(), request.paymentLink());
  }
}
