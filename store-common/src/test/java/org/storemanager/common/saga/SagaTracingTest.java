package org.storemanager.common.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the trace context crosses the outbox and a record header, with a real OpenTelemetry SDK and
 * an in-memory exporter (pure logic: no server, no broker). TraceIT checks the same chain on the
 * running stack.
 */
class SagaTracingTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();

  private SagaTracing tracing(OpenTelemetry openTelemetry) {
    SagaTracing tracing = new SagaTracing();
    tracing.openTelemetry = openTelemetry;
    tracing.topic = "order-saga-events";
    tracing.init();
    return tracing;
  }

  private OpenTelemetry sdk() {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported))
                .build())
        .build();
  }

  @Test
  void theStoredContextParentsThePublicationAndTheHeaderParentsTheConsumption() {
    SagaTracing tracing = tracing(sdk());
    Span request = sdk().getTracer("test").spanBuilder("POST /orders").startSpan();
    String stored;
    try (Scope scope = request.makeCurrent()) {
      stored = tracing.currentTraceparent(); // what Outbox.add writes with the row
    } finally {
      request.end();
    }

    Span publish = tracing.startPublish("OrderCreated", 7, stored); // later, on the relay's thread
    String header = tracing.traceparentOf(publish);
    publish.end();
    SagaEvent event =
        SagaEvent.start(EventType.OrderCreated, "corr-1", 7, 3, BigDecimal.ONE, List.of());
    tracing.startConsume(event, header).end();

    SpanData published = span("publish OrderCreated");
    SpanData consumed = span("consume OrderCreated");
    assertEquals(request.getSpanContext().getTraceId(), published.getTraceId(), "one trace");
    assertEquals(request.getSpanContext().getSpanId(), published.getParentSpanId());
    assertEquals(published.getSpanId(), consumed.getParentSpanId());
    assertEquals(published.getTraceId(), consumed.getTraceId());
    assertEquals(SpanKind.PRODUCER, published.getKind());
    assertEquals(SpanKind.CONSUMER, consumed.getKind());
    assertEquals(7L, consumed.getAttributes().get(SagaTracing.ORDER_ID));
    assertEquals("corr-1", consumed.getAttributes().get(SagaTracing.CORRELATION_ID));
    assertTrue(header.startsWith("00-" + published.getTraceId() + "-" + published.getSpanId()));
  }

  @Test
  void withoutAStoredContextThePublicationStartsItsOwnTrace() {
    SagaTracing tracing = tracing(sdk());
    tracing.startPublish("OrderCancelled", 9, null).end(); // e.g. raised by the deadline timer

    assertEquals("0000000000000000", span("publish OrderCancelled").getParentSpanId());
  }

  @Test
  void withTheSdkOffNothingIsStored() {
    SagaTracing tracing = tracing(OpenTelemetry.noop());
    assertNull(tracing.currentTraceparent());
    assertNull(tracing.traceparentOf(tracing.startPublish("OrderCreated", 1, null)));
  }

  private SpanData span(String name) {
    return exported.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name));
  }
}
