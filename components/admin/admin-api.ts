import type { AdminProgram } from "@/lib/db/list-admin-programs";
import type { ApplicantAuditEntry, AuditEntryView } from "@/lib/domain/audit";
import type { ErrorBody, ErrorCode } from "@/lib/errors";
import type { RoundView } from "@/lib/realtime/events";

export type { ProgramView } from "@/lib/db/create-program";
export type { AdminRound, AdminSeatView } from "@/lib/db/get-admin-round";
export type { AdminProgram };

/** A mutating admin route's answer: the request it was, and for round commands the round after it. */
export interface CommandAnswer {
  ok: true;
  requestId: string;
  outcome: "OK";
}

export interface RoundAnswer extends CommandAnswer {
  seq: number;
  round: RoundView;
}

export interface AuditPageAnswer<E = AuditEntryView> {
  ok: true;
  entries: E[];
  nextCursor: number | null;
}
export type MyAuditPageAnswer = AuditPageAnswer<ApplicantAuditEntry>;

export interface ApiRefusal {
  ok: false;
  status: number;
  code: ErrorCode | "NETWORK";
  message: string;
  /** The field the message names (`deadline`, `layout.rows`, `milestones.0.title`), when it names one. */
  field: string | null;
}
export type ApiAnswer<T> = { ok: true; value: T } | ApiRefusal;

/** What the API's message says is at fault: the path before the first colon, as parseInput writes it. */
export function fieldOf(message: string): string | null {
  const m = /^([A-Za-z][\w]*(?:\.[\w]+)*): /.exec(message);
  if (!m?.[1] || m[1] === "payload" || m[1] === "body") return null;
  return m[1];
}

/** What to say when the answer had no envelope (a proxy, a crash page). */
function fallbackMessage(status: number): string {
  if (status === 401) return "Your admin session has ended. Sign in again at /admin/login.";
  if (status === 403) return "Admins only: sign in with the admin password at /admin/login.";
  if (status === 429) return "Too many requests just now. Wait a moment and try again.";
  return `The server could not answer (HTTP ${status}). Try again in a moment.`;
}

/**
 * Calls an Intake JSON API and returns its body, or its refusal with the code
 * and message as sent (the message names the field for form errors). An abort
 * is re-thrown: the caller has moved on.
 */
export async function callApi<T extends { ok: true }>(
  url: string,
  init: { method?: "GET" | "POST" | "PATCH"; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiAnswer<T>> {
  const { method = "GET", body, signal } = init;
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

export interface ProgramsAnswer {
  ok: true;
  programs: AdminProgram[];
}
