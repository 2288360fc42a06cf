import type { ErrorCode } from "../errors.ts";
import { applicantOf, type BatchCommand } from "./batch-command.ts";
import type { PlanEvent, RoundRules, Seat } from "./seat-rules.ts";

/**
 * The audit log's vocabulary: who acted, what they did, and the request and
 * trace that carried it, and the rows a batch's events become. Pure; lib/db
 * writes the rows.
 */

export type ActorType = "applicant" | "admin" | "system";

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

/** An audit row to append (lib/db writes it; `before` and `after` are stored as JSON). */
export interface NewAuditEntry {
  at: number;
  actor: AuditActor;
  action: AuditAction;
  roundId: string | null;
  seatId?: string | null;
  holderBefore?: string | null;
  holderAfter?: string | null;
  /** The state before and after, stored as JSON. */
  before?: object | null;
  after?: object | null;
  outcome: AuditOutcome;
  requestId: string;
  traceId?: string | null;
  detail?: string | null;
}

/** The request and trace of a batch's own work (lapsed holds): a sweep's, or one made up per batch. */
export interface BatchOrigin {
  requestId: string;
  traceId: string | null;
}

const SYSTEM: AuditActor = { type: "system", id: null };

/** The audit metadata of a command: what the edge filled in, or what can be told from the command itself. */
function metaOf(command: BatchCommand, origin: BatchOrigin): CommandMeta {
  if (command.meta) return command.meta;
  const applicantId = applicantOf(command);
  const actor: AuditActor =
    applicantId !== null
      ? { type: "applicant", id: applicantId }
      : command.kind === "deadline-close"
        ? SYSTEM
        : { type: "admin", id: null };
  return { requestId: command.requestId ?? origin.requestId, traceId: null, actor };
}

// A change's holders have columns of their own (holderBefore, holderAfter): the JSON keeps the rest, and
// rows stay small. A refusal names no holder in the columns, so its JSON keeps the seat's holder.
const seatState = (seat: Seat | null, withHolder: boolean) =>
  seat &&
  (withHolder
    ? { status: seat.status, holderId: seat.holderId, heldUntil: seat.heldUntil }
    : { status: seat.status, heldUntil: seat.heldUntil });
const roundState = (round: RoundRules | null) =>
  round && { status: round.status, opensAt: round.opensAt, deadline: round.deadline, pausedAt: round.pausedAt };

/**
 * One audit row per planned event of a batch: each seat transition, each round
 * change and each refused admin command. `commands` are the planned commands
 * (an event's `cause` indexes them). What the engine did for a command (a
 * waitlist offer) is the system's, under that command's request and trace; a
 * lapse is the system's under the batch's own.
 */
export function auditEntriesOf(
  roundId: string,
  commands: readonly BatchCommand[],
  events: readonly PlanEvent[],
  now: number,
  origin: BatchOrigin,
): NewAuditEntry[] {
  return events.map((event) => {
    const command = event.cause === null ? undefined : commands[event.cause];
    const meta = command ? metaOf(command, origin) : { ...origin, actor: SYSTEM };
    const changed = event.outcome === "OK";
    return {
      at: now,
      actor: event.by === "system" ? SYSTEM : meta.actor,
      action: event.action,
      roundId,
      seatId: event.seat?.id ?? null,
      // Only a change names holders, so a refused attempt on someone's seat is not among their entries.
      holderBefore: changed ? (event.seat?.before?.holderId ?? null) : null,
      holderAfter: changed ? (event.seat?.after?.holderId ?? null) : null,
      before: event.seat ? seatState(event.seat.before, !changed) : roundState(event.round?.before ?? null),
      after: event.seat ? seatState(event.seat.after, !changed) : roundState(event.round?.after ?? null),
      outcome: event.outcome,
      requestId: meta.requestId,
      traceId: meta.traceId,
      detail: event.by === "command" && command && "reason" in command ? (command.reason ?? null) : null,
    };
  });
}

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
