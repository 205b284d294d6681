package org.storemanager.payment.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import org.storemanager.common.error.AccessDeniedException;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.web.JsonNaming;
import org.storemanager.payment.command.PaymentLinks;
import org.storemanager.payment.command.PaymentService;
import org.storemanager.payment.model.Payment;

/** {@code /payments}: create and read payments, and process them with a (simulated) card. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PaymentResource {

  /** Ids are whole numbers: the shared JSON binding rejects 1.5 or an overflowing id with 400. */
  public record CreatePaymentRequest(
      @NotNull @Positive Long userId,
      @NotNull @Positive Long orderId,
      @NotNull
          @PositiveOrZero
          @Digits(
              integer = 10,
              fraction = 2,
              message = "must have at most 10 digits and 2 decimals")
          BigDecimal totalAmount) {}

  /** The new payment and the link that lets its customer pay it (a capability: PaymentLinks). */
  public record PaymentCreated(long paymentId, String paymentLink) {}

  /**
   * {@code paid_at} is null until the payment is processed, and is written as null, not left out.
   */
  @JsonbNillable
  public record PaymentView(
      long paymentId,
      long orderId,
      long userId,
      BigDecimal totalAmount,
      boolean isPaid,
      String createdAt,
      String paidAt) {
    static PaymentView of(Payment payment) {
      return new PaymentView(
          payment.getId(),
          payment.getOrderId(),
          payment.getUserId(),
          payment.getTotalAmount(),
          payment.isPaid(),
          payment.getCreatedAt().toString(),
          text(payment.getPaidAt()));
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }

  /**
   * The card, with the reference API's camelCase field names (the rest of the contract is
   * snake_case, hence the explicit names). Its format is checked by {@code CardValidator}, which
   * never repeats the values; {@code toString} hides them too, in case a record ever gets logged.
   */
  public record ProcessPaymentRequest(
      @JsonbProperty("cardNumber") String cardNumber,
      @JsonbProperty("cardCode") String cardCode,
      @JsonbProperty("expirationDate") String expirationDate) {

    /**
     * Reads the body here rather than letting JAX-RS bind it: the shared error mapper repeats the
     * JSON parser's message, which can quote a character of the input (a digit of the card number,
     * for instance). A malformed card body gets this fixed message instead.
     */
    static ProcessPaymentRequest parse(String body) {
      ProcessPaymentRequest request;
      try {
        request = JsonNaming.jsonb().fromJson(body, ProcessPaymentRequest.class);
      } catch (JsonbException | JsonException e) {
        throw new InvalidRequestException(
            "Request body must be a JSON object"
                + " {\"cardNumber\": \"...\", \"cardCode\": \"...\", \"expirationDate\": \"MM/YY\"}");
      }
      if (request == null) {
        throw new InvalidRequestException("request body: must not be null");
      }
      return request;
    }

    @Override
    public String toString() {
      return "ProcessPaymentRequest[card details hidden]";
    }
  }

  public record PaymentProcessed(long orderId, long paymentId, boolean isPaid) {
    static PaymentProcessed of(Payment payment) {
      return new PaymentProcessed(payment.getOrderId(), payment.getId(), payment.isPaid());
    }
  }

  @Inject PaymentService payments;
  @Inject PaymentLinks links;

  @POST
  @RolesAllowed({CLERK, MANAGER})
  public Response create(@Valid @NotNull CreatePaymentRequest request, @Context UriInfo uri) {
    long id = payments.create(request.orderId(), request.userId(), request.totalAmount());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
        .entity(new PaymentCreated(id, links.linkFor(id)))
        .build();
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @Path("{id: \\d+}")
  public PaymentView get(@PathParam("id") long id) {
    return payments
        .find(id)
        .map(PaymentView::of)
        .orElseThrow(() -> new ResourceNotFoundException("Payment " + id + " does not exist"));
  }

  /**
   * Simulated processing: checks the card, then marks the payment paid (idempotent). Open to store
   * staff with a token, and to whoever holds this payment's link (its {@code key}): nobody else.
   */
  @POST
  @PermitAll
  @Path("process/{id: \\d+}")
  public PaymentProcessed process(
      @PathParam("id") long id,
      @QueryParam("key") String key,
      @Context SecurityContext caller,
      String body) {
    authorizeProcessing(id, key, caller);
    ProcessPaymentRequest request = ProcessPaymentRequest.parse(body);
    Payment payment =
        payments.process(id, request.cardNumber(), request.cardCode(), request.expirationDate());
    return PaymentProcessed.of(payment);
  }

  private void authorizeProcessing(long id, String key, SecurityContext caller) {
    if (caller.isUserInRole(CLERK) || caller.isUserInRole(MANAGER)) {
      return;
    }
    if (key != null) {
      if (links.opens(id, key)) {
        return;
      }
      throw AccessDeniedException.forbidden("This payment link does not open payment " + id);
    }
    if (caller.getUserPrincipal() != null) {
      throw AccessDeniedException.forbidden(
          "Only store staff (clerk, manager) or the payment's own link may process payment " + id);
    }
    throw AccessDeniedException.unauthenticated(
        "Processing a payment needs its payment link (?key=...) or a staff bearer token",
        "Bearer realm=\"MP-JWT\"");
  }
}
