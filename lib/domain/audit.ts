import type { ErrorCode } from "../errors.ts";

/**
 * The audit log's vocabulary: who acted, what they did, and the request and
 * trace that carried it. Pure types and constants; lib/db writes the rows.
 */

export type ActorType = "applicant" | "admin" | "system";
export const actorTypes: readonly ActorType[] = ["applicant", "admin", "system"];

/** An applicant (id: their applicant id), the admin (id: null, there is one admin password) or the engine itself. */
export interface AuditActor {
  type: ActorType;
  id: string | null;
}

/** What every command carries for the audit log; the edge (socket handler, route) fills it. */
export interface CommandMeta {
  /** The request that carried the command (x-request-id, or the socket command's id). */
  requestId: string;
  /** The active OpenTelemetry trace, when tracing is on. */
  traceId: string | null;
  actor: AuditActor;
}

export const auditActions = [
  "seat.hold",
  "seat.confirm",
  "seat.release",
  /** A hold ran out (the engine freed it). */
  "seat.expire",
  /** A freed seat went to the first on the waitlist, as a hold. */
  "seat.offer",
  "seat.admin-release",
  "seat.admin-reassign",
  "round.create",
  "round.edit",
  "round.open",
  "round.pause",
  "round.resume",
  "round.extend",
  "round.close",
  "program.create",
  "program.edit",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** An audit row's outcome: OK, or the refusal code of a refused admin command. */
export type AuditOutcome = "OK" | ErrorCode;

/** An audit row as the admin API shows it, with the names and labels it refers to. */
export interface AuditEntryView {
  id: number;
  at: number;
  actor: { type: ActorType; id: string | null; name: string | null };
  action: AuditAction;
  roundId: string | null;
  roundTitle: string | null;
  seatId: string | null;
  /** null once the seat was removed by a layout edit. */
  seatLabel: string | null;
  holderBefore: { id: string; name: string | null } | null;
  holderAfter: { id: string; name: string | null } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  outcome: AuditOutcome;
  requestId: string;
  traceId: string | null;
  detail: string | null;
}

/** A seat's or round's state in an applicant's own entry: no other applicant's id. */
export type OwnState = Record<string, unknown> & { yours?: boolean };

/** An audit row as its applicant sees it (`GET /api/audit/mine`): who else held the seat is left out. */
export interface ApplicantAuditEntry {
  id: number;
  at: number;
  /** "you", the admin or the system (a lapse, a waitlist offer). */
  actor: "you" | "admin" | "system";
  action: AuditAction;
  roundId: string | null;
  roundTitle: string | null;
  seatId: string | null;
  seatLabel: string | null;
  before: OwnState | null;
  after: OwnState | null;
  outcome: AuditOutcome;
  requestId: string;
  /** The admin's reason, when an admin released or reassigned your seat. */
  detail: string | null;
}

/** Replaces holder ids with whether the seat was the viewer's: watchers are never told who holds a seat. */
function ownState(state: Record<string, unknown> | null, applicantId: string): OwnState | null {
  if (!state) return null;
  const { holderId, ...rest } = state;
  return holderId === undefined ? rest : { ...rest, yours: holderId === applicantId };
}

export function toApplicantAuditEntry(entry: AuditEntryView, applicantId: string): ApplicantAuditEntry {
  return {
    id: entry.id,
    at: entry.at,
    actor: entry.actor.type === "applicant" ? (entry.actor.id === applicantId ? "you" : "system") : entry.actor.type,
    action: entry.action,
    roundId: entry.roundId,
    roundTitle: entry.roundTitle,
    seatId: entry.seatId,
    seatLabel: entry.seatLabel,
    before: ownState(entry.before, applicantId),
    after: ownState(entry.after, applicantId),
    outcome: entry.outcome,
    requestId: entry.requestId,
    detail: entry.detail,
  };
}
