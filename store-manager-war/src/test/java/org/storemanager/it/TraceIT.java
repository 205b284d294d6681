package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.storemanager.it.Stack.store;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storemanager.it.OtlpReceiver.ReceivedSpan;

/**
 * One order is one trace (docs/observability.md): the spans both services export for it share the
 * trace id the client sent, and form the chain {@code POST /orders} → {@code publish OrderCreated}
 * → {@code consume OrderCreated} → {@code publish StockDecreased} → (payment) {@code consume
 * StockDecreased} → {@code publish PaymentCreated} → {@code consume PaymentCreated} → {@code
 * publish SagaCompleted}, through the outbox and the Kafka headers. The Store Manager's own
 * follow-ups are spans of the step that published them: {@code handle StockDecreased} under {@code
 * consume OrderCreated}, {@code handle SagaCompleted} under {@code consume PaymentCreated}.
 *
 * <p>The servers must export to this test's receiver: {@code ./stack test} starts them with {@code
 * OTEL_TRACES_EXPORTER=otlp} and {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318}.
 */
class TraceIT {

  private static final int PORT = Integer.getInteger("otlp.receiver.port", 4318);
  private static final Duration EXPORTED = Duration.ofSeconds(60);

  /** Every span of the chain: each service exports in its own batches, so wait for all of them. */
  private static final List<String> EXPECTED =
      List.of(
          "store-manager:publish OrderCreated",
          "store-manager:consume OrderCreated",
          "store-manager:publish StockDecreased",
          "store-manager:handle StockDecreased",
          "payment:consume StockDecreased",
          "payment:publish PaymentCreated",
          "store-manager:consume PaymentCreated",
          "store-manager:publish SagaCompleted",
          "store-manager:handle SagaCompleted");

  private final Fixtures fixtures = new Fixtures();

  @AfterEach
  void cleanUp() {
    fixtures.close();
  }

  @Test
  void oneOrderIsOneTraceFromPostOrdersToSagaCompletedAcrossBothServices() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(PORT)) {
      long user = fixtures.user();
      long product = fixtures.product("3.00", 5);
      String traceId = randomHex(16);
      String clientSpan = randomHex(8);

      long order =
          store()
              .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
              .body(Fixtures.orderBody(user, product, 1))
              .post("/orders")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("order_id");
      fixtures.track("/orders/" + order);
      assertEquals("COMPLETED", Fixtures.awaitOutcome(order).getString("saga_state"));

      Stack.eventually(
          EXPORTED,
          "the spans of trace "
              + traceId
              + " reach the receiver on 127.0.0.1:"
              + PORT
              + " (are the servers exporting? ./stack test sets OTEL_TRACES_EXPORTER=otlp)",
          () -> EXPECTED.stream().allMatch(span -> find(receiver.spansOf(traceId), span) != null));
      List<ReceivedSpan> spans = receiver.spansOf(traceId);

      ReceivedSpan request = only(spans, "store-manager", "SERVER");
      assertEquals(clientSpan, request.parentId(), "POST /orders continues the client's span");
      assertTrue(request.name().contains("/orders"), request.name());

      ReceivedSpan created = childOf(spans, request, "store-manager", "publish OrderCreated");
      ReceivedSpan taking = childOf(spans, created, "store-manager", "consume OrderCreated");
      ReceivedSpan taken = childOf(spans, taking, "store-manager", "publish StockDecreased");
      ReceivedSpan paying = childOf(spans, taken, "payment", "consume StockDecreased");
      childOf(spans, taking, "store-manager", "handle StockDecreased");
      ReceivedSpan paid = childOf(spans, paying, "payment", "publish PaymentCreated");
      ReceivedSpan completing = childOf(spans, paid, "store-manager", "consume PaymentCreated");
      childOf(spans, completing, "store-manager", "publish SagaCompleted");
      childOf(spans, completing, "store-manager", "handle SagaCompleted");

      Set<String> services = spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
      assertEquals(Set.of("store-manager", "payment"), services, "one trace, both services");
    }
  }

  /** The span named {@code name} of {@code service} whose parent is {@code parent}. */
  private static ReceivedSpan childOf(
      List<ReceivedSpan> spans, ReceivedSpan parent, String service, String name) {
    return spans.stream()
        .filter(span -> span.service().equals(service) && span.name().equals(name))
        .filter(span -> span.parentId().equals(parent.spanId()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no '"
                        + name
                        + "' span of "
                        + service
                        + " under '"
                        + parent.name()
                        + "' in "
                        + describe(spans)));
  }

  /**
   * The first span named like {@code serviceAndName} ({@code "<service>:<span name>"}), or null.
   */
  private static ReceivedSpan find(List<ReceivedSpan> spans, String serviceAndName) {
    return spans.stream()
        .filter(span -> (span.service() + ":" + span.name()).equals(serviceAndName))
        .findFirst()
        .orElse(null);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String service, String kind) {
    List<ReceivedSpan> found =
        spans.stream()
            .filter(span -> span.service().equals(service) && span.kind().endsWith(kind))
            .toList();
    assertEquals(1, found.size(), "one " + kind + " span of " + service + ": " + describe(spans));
    return found.get(0);
  }

  private static String describe(List<ReceivedSpan> spans) {
    return spans.stream()
        .map(
            span ->
                span.service()
                    + ":"
                    + span.name()
                    + "["
                    + span.spanId()
                    + "<"
                    + span.parentId()
                    + "]")
        .collect(Collectors.joining(", "));
  }

  private static String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(value);
    value[0] |= 1; // never all zeros (an invalid id)
    return HexFormat.of().formatHex(value);
  }
}
