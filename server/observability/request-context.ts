import { AsyncLocalStorage } from "node:async_hooks";
import { currentTraceId } from "../../lib/server-only/trace-id.ts";

interface RequestContext {
  requestId: string;
}

// Carries an HTTP request's id into code that only has the process logger,
// e.g. Next route handlers logging through getServices().log.
const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `handle` as part of one HTTP request: log lines written inside carry its requestId. */
export function runInRequest<T>(requestId: string, handle: () => T): T {
  return storage.run({ requestId }, handle);
}

/** The fields the logger adds to a line written inside a request: its requestId and trace id. */
export function requestLogFields(): { requestId?: string; traceId?: string } {
  const store = storage.getStore();
  if (!store) return {};
  const traceId = currentTraceId();
  return traceId ? { requestId: store.requestId, traceId } : { requestId: store.requestId };
}
