import type { AdminProgram } from "@/lib/db/list-admin-programs";
import type { ApplicantAuditEntry, AuditEntryView } from "@/lib/domain/audit";
import type { RoundView } from "@/lib/realtime/events";
import { type ApiAnswer, type CallApiOptions, callApi, serverFallbackMessage } from "../api/call-api";

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

/** An admin screen's words for an answer without an envelope: the sign-in it needs, or the server's. */
function adminFallbackMessage(status: number): string {
  if (status === 401) return "Your admin session has ended. Sign in again at /admin/login.";
  if (status === 403) return "Admins only: sign in with the admin password at /admin/login.";
  return serverFallbackMessage(status);
}

/** callApi for the admin screens: a refusal without an envelope points to the admin sign-in. */
export function callAdminApi<T extends { ok: true }>(
  url: string,
  options: Omit<CallApiOptions, "fallbackMessage"> = {},
): Promise<ApiAnswer<T>> {
  return callApi<T>(url, { ...options, fallbackMessage: adminFallbackMessage });
}

export interface ProgramsAnswer {
  ok: true;
  programs: AdminProgram[];
}
