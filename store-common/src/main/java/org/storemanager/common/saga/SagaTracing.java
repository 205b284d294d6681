package org.storemanager.common.saga;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One order, one trace (docs/observability.md). The saga crosses two services and a broker, and the
 * outbox in between, so the trace context has to travel with the event:
 *
 * <ol>
 *   <li>{@link Outbox#add} stores the current span's W3C {@code traceparent} with the outbox row
 *       (the span of {@code POST /orders}, or of the handler that raised the event);
 *   <li>the relay opens a {@code publish <Event>} span under it, however late it runs (after a
 *       restart too), and sends that span's {@code traceparent} as a Kafka record header;
 *   <li>each consumer opens a {@code consume <Event>} span under the header, and the handlers run
 *       inside it: the events they write continue the same trace.
 * </ol>
 *
 * With the SDK off ({@code OTEL_SDK_DISABLED=true}, Liberty's default) every span is a no-op and no
 * {@code traceparent} is written.
 */
@ApplicationScoped
public class SagaTracing {

  /** The record header and outbox column name of the W3C trace context. */
  public static final String TRACEPARENT = "traceparent";

  static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("saga.order_id");
  static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("saga.correlation_id");
  static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("saga.event_id");
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

  private static final TextMapGetter<Map<String, String>> FROM_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  @Inject OpenTelemetry openTelemetry;

  @Inject
  @ConfigProperty(name = "kafka.topic")
  String topic;

  private Tracer tracer;

  @PostConstruct
  void init() {
    tracer = openTelemetry.getTracer("org.storemanager.saga");
  }

  /** The current span's {@code traceparent}, or null when there is no sampled span. */
  public String currentTraceparent() {
    return traceparentOf(Context.current());
  }

  /**
   * Opens the span of one outbox row's publication, as a child of the span that wrote the row. The
   * caller sends {@link #traceparentOf(Span)} as the record's header and ends the span.
   */
  public Span startPublish(String eventType, long orderId, String writtenUnder) {
    return tracer
        .spanBuilder("publish " + eventType)
        .setParent(contextOf(writtenUnder))
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(SYSTEM, "kafka")
        .setAttribute(DESTINATION, topic)
        .setAttribute(OPERATION, "publish")
        .setAttribute(ORDER_ID, orderId)
        .startSpan();
  }

  /** Opens the span in which this service handles one event, under the record's header. */
  public Span startConsume(SagaEvent event, String traceparent) {
    return tracer
        .spanBuilder("consume " + event.event())
        .setParent(contextOf(traceparent))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(SYSTEM, "kafka")
        .setAttribute(DESTINATION, topic)
        .setAttribute(OPERATION, "process")
        .setAttribute(ORDER_ID, event.orderId())
        .setAttribute(EVENT_ID, event.eventId())
        .setAttribute(CORRELATION_ID, event.correlationId() == null ? "" : event.correlationId())
        .startSpan();
  }

  /**
   * Opens the span in which this service handles a follow-up ({@link Inbox}): an event its own
   * handler just published, handled in the same transaction, as a child of the current span.
   */
  public Span startHandle(SagaEvent event) {
    return tracer
        .spanBuilder("handle " + event.event())
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(ORDER_ID, event.orderId())
        .setAttribute(EVENT_ID, event.eventId())
        .setAttribute(CORRELATION_ID, event.correlationId() == null ? "" : event.correlationId())
        .startSpan();
  }

  /** Marks the span failed with {@code error} (it is ended by the caller). */
  public static void fail(Span span, Throwable error) {
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
  }

  public String traceparentOf(Span span) {
    return traceparentOf(Context.current().with(span));
  }

  private static String traceparentOf(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /** The remote parent named by a {@code traceparent}, or a root context when there is none. */
  private static Context contextOf(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
  }
}
