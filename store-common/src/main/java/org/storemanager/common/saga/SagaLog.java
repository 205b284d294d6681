package org.storemanager.common.saga;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The fields every saga log line carries, as {@code key=value} pairs a reader can scan and a log
 * pipeline can parse (docs/observability.md): {@code order_id}, {@code correlation_id}, {@code
 * event}, and, when there is one, {@code event_id} and the current {@code trace_id}. With Liberty's
 * JSON log format they are in the {@code message} field.
 */
public final class SagaLog {

  private SagaLog() {}

  /** The fields of a line about {@code event}. */
  public static String fields(SagaEvent event) {
    return fields(event.orderId(), event.correlationId(), event.event())
        + " event_id="
        + event.eventId();
  }

  /** The fields of a line about an order's saga outside an event (the deadline timer). */
  public static String fields(Long orderId, String correlationId, String event) {
    SpanContext span = Span.current().getSpanContext();
    return "order_id="
        + orderId
        + " correlation_id="
        + correlationId
        + " event="
        + event
        + (span.isValid() ? " trace_id=" + span.getTraceId() : "");
  }
}
