package org.storemanager.payment.api;

import static org.storemanager.common.security.Roles.CLERK;
import static org.storemanager.common.security.Roles.MANAGER;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.storemanager.common.error.AccessDeniedException;
import org.storemanager.common.error.InvalidRequestException;
import org.storemanager.common.error.ResourceNotFoundException;
import org.storemanager.common.idempotency.IdempotencyKey;
import org.storemanager.common.idempotency.IdempotentRequests;
import org.storemanager.common.web.OpenApiErrorFilter;
import org.storemanager.payment.command.PaymentLinks;
import org.storemanager.payment.command.PaymentService;
import org.storemanager.payment.model.Payment;

/** {@code /payments}: create and read payments, and process them with a (simulated) card. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "payments")
public class PaymentResource {

  /** Ids are whole numbers: the shared JSON binding rejects 1.5 or an overflowing id with 400. */
  public record CreatePaymentRequest(
      @Schema(format = "int64") @NotNull @Positive Long userId,
      @Schema(format = "int64", description = "One payment per order") @NotNull @Positive
          Long orderId,
      @Schema(
              description =
                  "At most 10 digits and 2 decimals, and at most the payment limit (configuration"
                      + " payment.max-amount, default 100000.00: its value is the maximum here);"
                      + " above it the answer is 422",
              oneOf = {BigDecimal.class, String.class},
              // The upper bound of the 10 digits; the filter lowers it to payment.max-amount.
              maximum = "9999999999.99",
              extensions =
                  @Extension(
                      name = OpenApiErrorFilter.MAXIMUM_CONFIG_EXTENSION,
                      value = PaymentService.MAX_AMOUNT_KEY),
              multipleOf = 0.01,
              example = "59.98")
          @NotNull
          @PositiveOrZero
          @Digits(
              integer = 10,
              fraction = 2,
              message = "must have at most 10 digits and 2 decimals")
          BigDecimal totalAmount) {}

  /** The new payment and the link that lets its customer pay it (a capability: PaymentLinks). */
  public record PaymentCreated(
      @Schema(required = true, minimum = "1") long paymentId,
      @Schema(
              required = true,
              format = "uri",
              description = "Opens this payment (its key) for POST /payments/process/{id}")
          String paymentLink) {}

  /**
   * {@code paid_at} is null until the payment is processed, and is written as null, not left out.
   */
  @JsonbNillable
  public record PaymentView(
      @Schema(required = true) long paymentId,
      @Schema(required = true) long orderId,
      @Schema(required = true) long userId,
      @Schema(required = true) BigDecimal totalAmount,
      @Schema(name = "is_paid", required = true) boolean isPaid,
      @Schema(required = true, format = "date-time") String createdAt,
      @Schema(required = true, nullable = true, format = "date-time") String paidAt,
      @Schema(
              required = true,
              nullable = true,
              format = "date-time",
              description = "Set when the order was cancelled or deleted: it can no longer be paid")
          String voidedAt,
      @Schema(
              required = true,
              nullable = true,
              format = "date-time",
              description =
                  "Set when the payment was paid and its order then cancelled or deleted: the"
                      + " money was given back (event PaymentRefunded)")
          String refundedAt,
      @Schema(
              required = true,
              enumeration = {"unpaid", "paid", "voided", "refunded"},
              description =
                  "unpaid; paid; voided (never paid, and can no longer be); refunded (paid, then"
                      + " given back because its order was cancelled or deleted)")
          String status) {
    static PaymentView of(Payment payment) {
      return new PaymentView(
          payment.getId(),
          payment.getOrderId(),
          payment.getUserId(),
          payment.getTotalAmount(),
          payment.isPaid(),
          payment.getCreatedAt().toString(),
          text(payment.getPaidAt()),
          text(payment.getVoidedAt()),
          text(payment.getRefundedAt()),
          payment.status());
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }

  /**
   * The card, with the reference API's camelCase field names (the rest of the contract is
   * snake_case, hence the explicit names). The course's clients send the number and the code as
   * JSON numbers, others as strings: both are read as digits. Its format is checked by {@code
   * CardValidator}, which never repeats the values; {@code toString} hides them too, in case a
   * record ever gets logged.
   */
  @Schema(requiredProperties = {"cardNumber", "cardCode", "expirationDate"})
  public record ProcessPaymentRequest(
      @Schema(
              name = "cardNumber",
              description =
                  "13 to 19 digits (the Luhn checksum only with payment.card.luhn-check=true); a"
                      + " string (spaces allowed) or a whole JSON number",
              oneOf = {String.class, Long.class},
              // The string form; the number form: 13 to 19 digits.
              pattern = "^ *(?:[0-9] *){13,19}$",
              minimum = "1000000000000",
              maximum = "9999999999999999999",
              example = "4111 1111 1111 1111")
          String cardNumber,
      @Schema(
              name = "cardCode",
              description = "3 or 4 digits; a string or a JSON number",
              oneOf = {String.class, Integer.class},
              pattern = "^[0-9]{3,4}$",
              minimum = "100",
              maximum = "9999",
              example = "123")
          String cardCode,
      @Schema(
              name = "expirationDate",
              description =
                  "MM/YY, MM/YYYY or YYYY-MM-DD; the card is valid until the end of that month (UTC)",
              // YYYY-MM-DD only for days that exist: 29 February in leap years only (the
              // Gregorian rule of java.time), 31 only in the months that have it.
              pattern =
                  "^(?:(?:0[1-9]|1[0-2])/(?:[0-9]{2}|[0-9]{4})"
                      + "|[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
                      + "|[0-9]{4}-(?:0[13-9]|1[0-2])-(?:29|30)"
                      + "|[0-9]{4}-(?:0[13578]|1[02])-31"
                      + "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"
                      + "|(?:[02468][048]|[13579][26])00)-02-29)$",
              example = "12/30")
          String expirationDate) {

    private static final String MALFORMED =
        "Request body must be a JSON object {\"cardNumber\": \"...\", \"cardCode\": \"...\","
            + " \"expirationDate\": \"MM/YY\"} (number and code as strings or whole numbers)";

    /**
     * Reads the body here rather than letting JAX-RS bind it: the shared error mapper repeats the
     * JSON parser's message, which can quote a character of the input (a digit of the card number,
     * for instance). A malformed card body gets this fixed message instead.
     */
    static ProcessPaymentRequest parse(String body) {
      JsonValue value;
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        value = reader.readValue();
      } catch (JsonException | IllegalStateException | NoSuchElementException e) {
        throw new InvalidRequestException(MALFORMED);
      }
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        throw new InvalidRequestException("request body: must not be null");
      }
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidRequestException(MALFORMED);
      }
      JsonObject card = value.asJsonObject();
      List<String> problems = new ArrayList<>();
      ProcessPaymentRequest request =
          new ProcessPaymentRequest(
              digits(card, "cardNumber", problems),
              digits(card, "cardCode", problems),
              text(card, "expirationDate", problems));
      if (!problems.isEmpty()) {
        throw new InvalidRequestException(String.join("; ", problems));
      }
      return request;
    }

    /**
     * A string as it is, or a JSON number written as its digits. Only whole, non-negative numbers
     * whose value needs no exponent qualify (scale 0): 1.5, 1e3 or -123 are no card digits, while
     * 4.1E1 is 41. Null if absent.
     */
    private static String digits(JsonObject card, String field, List<String> problems) {
      JsonValue value = card.get(field);
      if (value instanceof JsonNumber number) {
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.scale() == 0 && decimal.signum() >= 0) {
          return decimal.toPlainString();
        }
        problems.add(field + ": must be a whole, non-negative number (or a string of digits)");
        return null;
      }
      return text(card, field, problems);
    }

    private static String text(JsonObject card, String field, List<String> problems) {
      JsonValue value = card.get(field);
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (value instanceof JsonString string) {
        return string.getString();
      }
      problems.add(
          field
              + (field.equals("expirationDate")
                  ? ": must be a string"
                  : ": must be a string or a whole number"));
      return null;
    }

    @Override
    public String toString() {
      return "ProcessPaymentRequest[card details hidden]";
    }
  }

  public record PaymentProcessed(
      @Schema(required = true) long orderId,
      @Schema(required = true) long paymentId,
      @Schema(name = "is_paid", required = true) boolean isPaid) {
    static PaymentProcessed of(Payment payment) {
      return new PaymentProcessed(payment.getOrderId(), payment.getId(), payment.isPaid());
    }
  }

  @Inject PaymentService payments;
  @Inject PaymentLinks links;
  @Inject IdempotentRequests idempotent;

  @POST
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Operation(
      operationId = "createPayment",
      summary = "Create the (unpaid) payment of an order",
      description =
          "With an Idempotency-Key, a retry of the same request within 24 h gets the first answer"
              + " again (marked Idempotent-Replayed: true) instead of a 409.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location is the payment's URL",
      headers = {
        @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
        @Header(
            name = IdempotencyKey.REPLAYED_HEADER,
            description =
                "Present (true) when this is the stored answer of an earlier request with the same"
                    + " Idempotency-Key",
            schema = @Schema(type = SchemaType.STRING, enumeration = "true"))
      },
      content = @Content(schema = @Schema(implementation = PaymentCreated.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Malformed JSON, wrong types or a field that breaks its constraint; or a malformed"
              + " Idempotency-Key")
  @APIResponse(
      responseCode = "409",
      description =
          "The order already has a payment, or a request with the same Idempotency-Key is still"
              + " being processed")
  @APIResponse(
      responseCode = "422",
      description =
          "The amount exceeds the payment limit; or an Idempotency-Key already used with a"
              + " different request")
  public Response create(
      @Valid @NotNull CreatePaymentRequest request,
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
        "POST /payments",
        caller.getUserPrincipal(),
        idempotencyKey,
        request,
        () -> {
          long id = payments.create(request.orderId(), request.userId(), request.totalAmount());
          return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
              .entity(new PaymentCreated(id, links.linkFor(id)))
              .build();
        });
  }

  @GET
  @RolesAllowed({CLERK, MANAGER})
  @SecurityRequirement(
      name = "bearer",
      scopes = {CLERK, MANAGER})
  @Path("{id: \\d+}")
  @Operation(operationId = "getPayment", summary = "Read a payment")
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
  @SecurityRequirementsSet(
      @SecurityRequirement(
          name = "bearer",
          scopes = {CLERK, MANAGER}))
  @SecurityRequirementsSet
  @Operation(
      operationId = "processPayment",
      summary = "Pay a payment with a (simulated) card",
      description =
          "Either a staff bearer token or the key of the payment's link (?key=). Idempotent: paying"
              + " a paid payment again changes nothing and answers the same.")
  @APIResponse(
      responseCode = "200",
      description = "Paid",
      content = @Content(schema = @Schema(implementation = PaymentProcessed.class)))
  @APIResponse(
      responseCode = "400",
      description = "Body not a JSON object, or malformed card details (each field named)")
  @APIResponse(
      responseCode = "403",
      description = "A key that does not open this payment, or a token without clerk/manager")
  @APIResponse(responseCode = "404", description = "No payment with this id")
  @APIResponse(
      responseCode = "409",
      description = "The payment was voided (its order was cancelled or deleted)")
  @APIResponse(responseCode = "422", description = "The card has expired")
  public PaymentProcessed process(
      @PathParam("id") long id,
      @Parameter(
              in = ParameterIn.QUERY,
              description = "The key of the payment link (PaymentCreated.payment_link)")
          @QueryParam("key")
          String key,
      @Context SecurityContext caller,
      @RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = ProcessPaymentRequest.class)))
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
