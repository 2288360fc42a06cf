import { type Context, context, type Link, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { withTransactionLinks } from "../../lib/db/driver-transaction.ts";
import { tracingEnabled } from "./tracing.ts";

/** The caller's trace context, kept with a queued command so its commit can be traced back to it. */
export function captureContext(): Context {
  return tracingEnabled() ? context.active() : ROOT_CONTEXT;
}

/**
 * Runs one group commit in the trace of the first command in it; the other
 * commands' spans become links of the transaction, so every command's trace
 * leads to the one transaction that answered it. A group without commands (a
 * sweep) starts its own trace, whatever context the queue's drain inherited.
 */
export function runInBatchContext<T>(contexts: readonly Context[], run: () => T): T {
  if (!tracingEnabled()) return run();
  const parent = contexts[0] ?? ROOT_CONTEXT;
  const parentSpanId = trace.getSpanContext(parent)?.spanId;
  const links: Link[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < contexts.length; i++) {
    const linked = trace.getSpanContext(contexts[i] as Context);
    if (!linked || linked.spanId === parentSpanId || seen.has(linked.spanId)) continue;
    seen.add(linked.spanId);
    links.push({ context: linked });
  }
  return context.with(withTransactionLinks(parent, links), run);
}
