package org.storemanager.orders.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.storemanager.common.saga.OrderEventLog;
import org.storemanager.common.web.JsonNaming;

/**
 * Reads the payment service's {@link OrderEventLog} of an order ({@code GET
 * /payments/saga/orders/{orderId}/events} at {@code payment.service.url}) for the order timeline,
 * with the caller's own token: the payment service checks its roles as for any other request. The
 * timeline must answer even when the payment service does not, so every failure (down, slow beyond
 * {@code payment.service.timeout.ms}, an error status, a body that is no event log) becomes a
 * {@link Answer#missing} reason instead of an exception.
 */
@ApplicationScoped
public class PaymentEventLogClient {

  /** The payment service's log, or why there is none. */
  public record Answer(OrderEventLog log, String missing) {
    static Answer missing(String reason) {
      return new Answer(null, reason);
    }
  }

  @Inject
  @ConfigProperty(name = "payment.service.url", defaultValue = "http://127.0.0.1:5009")
  String baseUrl;

  @Inject
  @ConfigProperty(name = "payment.service.timeout.ms", defaultValue = "2000")
  long timeoutMs;

  /**
   * One client per call, closed after it: cheap next to the call itself, and safe whatever
   * connection handling the server's JAX-RS client has (this endpoint is for people, not load).
   */
  public Answer fetch(long orderId, String authorization) {
    Client client =
        ClientBuilder.newBuilder()
            .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .build();
    try (Response response =
        client
            .target(baseUrl)
            .path("payments/saga/orders/{orderId}/events")
            .resolveTemplate("orderId", orderId)
            .request(MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.AUTHORIZATION, authorization)
            .get()) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      if (response.getStatus() != 200) {
        return Answer.missing("payment service answered " + response.getStatus() + errorOf(body));
      }
      OrderEventLog log = JsonNaming.jsonb().fromJson(body, OrderEventLog.class);
      if (log == null || log.published() == null || log.processed() == null) {
        return Answer.missing("payment service answered no event log");
      }
      return new Answer(log, null);
    } catch (ProcessingException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Answer.missing(
          "payment service unreachable: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    } catch (JsonbException e) {
      return Answer.missing("payment service answered no event log: " + e.getMessage());
    } finally {
      client.close();
    }
  }

  /** ": <its error>" of an error body of the contract, else nothing. */
  private static String errorOf(String body) {
    try {
      ErrorBody error = JsonNaming.jsonb().fromJson(body, ErrorBody.class);
      return error == null || error.error() == null ? "" : ": " + error.error();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** {@code {"error": "..."}}. */
  public record ErrorBody(String error) {}
}
