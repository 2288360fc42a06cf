import type { SpanProcessor } from "@opentelemetry/sdk-trace-base";

export interface Tracing {
  /** Flushes the spans not yet exported and stops tracing. */
  shutdown(): Promise<void>;
}

// A global rather than a module variable: every copy of this module in the process sees one switch.
const ENABLED = Symbol.for("intake.tracing");
type WithSwitch = typeof globalThis & { [ENABLED]?: boolean };

/** Whether startTracing ran: with tracing off, the hot paths make no spans and switch no contexts. */
export function tracingEnabled(): boolean {
  return (globalThis as WithSwitch)[ENABLED] === true;
}

/**
 * Starts the OpenTelemetry Node SDK: AsyncLocalStorage context, W3C trace
 * context propagation, @prisma/instrumentation, and spans exported over OTLP/HTTP
 * to OTEL_EXPORTER_OTLP_ENDPOINT (the exporter reads the standard OTEL_*
 * variables itself). Tests pass their own span processors instead.
 *
 * Nothing here patches modules as they load (no require hooks): Prisma's
 * instrumentation is a global the client checks on every query, and the HTTP
 * and socket spans are made by Intake's own handlers. So it may start after
 * `http` and the Prisma client are imported. The SDK itself is imported only
 * here, so with tracing off it is never loaded.
 */
export async function startTracing(options: { spanProcessors?: SpanProcessor[] } = {}): Promise<Tracing> {
  const [{ NodeSDK }, { PrismaInstrumentation }] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@prisma/instrumentation"),
  ]);
  const exporter = options.spanProcessors
    ? { spanProcessors: options.spanProcessors }
    : { traceExporter: new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter() };
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ? undefined : "intake",
    ...exporter,
    instrumentations: [new PrismaInstrumentation()],
    // Metrics are Prometheus's (/metrics) and logs are pino's: the SDK exports traces only.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  (globalThis as WithSwitch)[ENABLED] = true;
  return {
    async shutdown() {
      (globalThis as WithSwitch)[ENABLED] = false;
      await sdk.shutdown();
    },
  };
}
