import type { ErrorBody, ErrorCode } from "@/lib/errors";

/** A refused call: the envelope's code and message as sent, or NETWORK when the server was not reached. */
export interface ApiRefusal {
  ok: false;
  status: number;
  code: ErrorCode | "NETWORK";
  message: string;
  /** The field the message names (`deadline`, `layout.rows`, `milestones.0.title`), when it names one. */
  field: string | null;
}
export type ApiAnswer<T> = { ok: true; value: T } | ApiRefusal;

export interface CallApiOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** What to say when the answer had no envelope (a proxy, a crash page); each screen words its own. */
  fallbackMessage?: (status: number) => string;
}

/** What the API's message says is at fault: the path before the first colon, as parseInput writes it. */
export function fieldOf(message: string): string | null {
  const m = /^([A-Za-z][\w]*(?:\.[\w]+)*): /.exec(message);
  if (!m?.[1] || m[1] === "payload" || m[1] === "body") return null;
  return m[1];
}

/** The words for an answer without an envelope when the screen has none of its own. */
export function serverFallbackMessage(status: number): string {
  if (status === 429) return "Too many requests just now. Wait a moment and try again.";
  return `The server could not answer (HTTP ${status}). Try again in a moment.`;
}

/**
 * A call that failed in the page itself (a bug, not the server's answer):
 * logged for the developer, and returned as a refusal to show the user
 * instead of nothing. `what` names the request in the log.
 */
export function unexpectedFailure(what: string, error: unknown): ApiRefusal {
  console.error(`${what} failed`, error);
  const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
  return {
    ok: false,
    status: 0,
    code: "INTERNAL",
    message: `Something went wrong in this page${detail}. Reload it and try again.`,
    field: null,
  };
}

/**
 * Calls an Intake JSON API from the browser and returns its body, or its
 * refusal with the envelope's code and message as sent (the message names the
 * field for form errors). An abort is re-thrown: the caller has moved on.
 */
export async function callApi<T extends { ok: true }>(
  url: string,
  options: CallApiOptions = {},
): Promise<ApiAnswer<T>> {
  const { method = "GET", body, signal, fallbackMessage = serverFallbackMessage } = options;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal,
      cache: "no-store",
      headers:
        body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      status: 0,
      code: "NETWORK",
      message: "Could not reach the server. Check the connection and try again.",
      field: null,
    };
  }
  let parsed: T | ErrorBody | null = null;
  try {
    parsed = (await response.json()) as T | ErrorBody;
  } catch (error) {
    if (signal?.aborted) throw error;
  }
  if (response.ok && parsed?.ok) return { ok: true, value: parsed };
  const envelope = parsed && !parsed.ok && typeof parsed.error?.message === "string" ? parsed.error : null;
  const message = envelope?.message ?? fallbackMessage(response.status);
  return {
    ok: false,
    status: response.status,
    code: envelope?.code ?? "INTERNAL",
    message,
    field: envelope?.code === "INVALID_INPUT" ? fieldOf(message) : null,
  };
}
