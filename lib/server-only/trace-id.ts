import { isSpanContextValid, trace } from "@opentelemetry/api";

/**
 * The trace id of the active OpenTelemetry span, or null when there is none
 * (tracing off, or outside any span). The API keeps its state on a global, so
 * Next's bundled copy and the custom server's copy see the same spans.
 */
export function currentTraceId(): string | null {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : null;
}
