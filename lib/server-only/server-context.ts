import type { SessionOptions } from "iron-session";
import type { Clock } from "../clock.ts";
import type { ProgramView } from "../db/create-program.ts";
import type { AdminRound } from "../db/get-admin-round.ts";
import type { HeatmapResult } from "../db/get-heatmap.ts";
import type { RoundTimer } from "../db/get-round-timer.ts";
import type { AdminProgram } from "../db/list-admin-programs.ts";
import type { AnalyticsCatalog } from "../db/list-analytics-programs.ts";
import type { AuditPage } from "../db/list-audit-entries.ts";
import type { RoundSummary } from "../db/list-rounds.ts";
import type { ApplicantAuditEntry, CommandMeta } from "../domain/audit.ts";
import type { Comparison } from "../domain/compare-groups.ts";
import type { AdminSeatCommand, RoundStateCommand } from "../domain/seat-rules.ts";
import type { Result } from "../errors.ts";
import type { RoundSnapshot, RoundView } from "../realtime/events.ts";
import type {
  TAuditQuery,
  TMyAuditQuery,
  TProgramCreate,
  TProgramEdit,
  TRoundCreate,
  TRoundEdit,
} from "../schemas/admin-rounds.ts";
import type { TCompareQuery, THeatmapQuery } from "../schemas/analytics.ts";
import type { SessionData, SessionIdentity } from "./session.ts";

/** A round after an admin command or edit, with the seq its round:updated carried. */
export interface RoundAfterChange {
  seq: number;
  round: RoundView;
}

/** A seat after an admin release or reassign (admins see the holder). */
export interface AdminSeatResult {
  id: string;
  label: string;
  status: "FREE" | "HELD" | "BOOKED";
  holderId: string | null;
  heldUntil: number | null;
}

/**
 * An admin sign-in attempt as the lockout sees it: let through (with a notice
 * if it is the last one before the address is locked, should it fail), or
 * refused while the address is locked out.
 */
export type AdminSignInAttempt =
  | { ok: true; lockNotice: string | null }
  | { ok: false; message: string; retryAfterMs: number; limit: number };

/** Sessions live in the database; the cookie only names one (lib/session.ts). */
export interface IntakeSessions {
  /**
   * The one resolver every reader uses (pages, route handlers, and through
   * server/sessions.ts the rate limiter, the socket handshake and event
   * streams): unseal the cookie, read the row, judge it. Anonymous ({}) when
   * there is no cookie, or it is forged or of the old format, or its row is
   * gone, revoked or expired.
   */
  resolve(sealed: string | undefined): Promise<SessionData>;
  /**
   * Signs in: a new session holding only `identity`. The session the browser
   * brought (`replaces`, if live) is ended as a sign-out would end it, so no
   * identity carries over from a cookie someone else may have planted.
   */
  start(identity: SessionIdentity, replaces?: string): Promise<{ sid: string; since: number; expiresAt: number }>;
  /** Signs out: revokes the row (every instance sees it at once) and ends the session's open sockets and event streams. */
  end(sid: string): Promise<void>;
}

/** The admin's round commands (the sweeper's deadline-close is not one). */
export type AdminRoundCommand = Exclude<RoundStateCommand, { kind: "deadline-close" }>;

/**
 * What the Next.js side (pages and route handlers) may call. The custom server
 * builds it and hands it over through globalThis, because Next bundles its own
 * copies of modules: this way routes never import Prisma and share the one
 * database client, engine and clock of the process. Only types are imported here.
 */
export interface IntakeServices {
  clock: Clock;
  /** The process's one logger (pino), for failures and security events inside route handlers. */
  log: {
    error(details: object, message: string): void;
    warn(details: object, message: string): void;
    info(details: object, message: string): void;
  };
  /** How the session cookie is sealed and set. */
  session: SessionOptions;
  sessions: IntakeSessions;
  /** Admin analytics (callers check requireAdmin first). */
  analytics: {
    catalog(): Promise<AnalyticsCatalog>;
    heatmap(query: THeatmapQuery): Promise<Result<HeatmapResult>>;
    compare(query: TCompareQuery): Promise<Result<Comparison>>;
  };
  admin: {
    /** ADMIN_SESSION_TTL in ms: how long an admin sign-in lasts. */
    sessionTtlMs: number;
    /** Checks a password against the stored admin credential (scrypt; slow on purpose). */
    verifyPassword(password: string): Promise<{ ok: true; passwordSetAt: number } | { ok: false }>;
    /** When the current admin password was set, or null if none is; admin sessions must match it. */
    passwordSetAt(): Promise<number | null>;
  };
  /**
   * The admin console (callers check requireAdmin first). Every change goes
   * through the reservation engine, ordered with applicants' commands, and is
   * audited with `meta`.
   */
  adminRounds: {
    /** Every program with all its rounds, drafts included. */
    overview(): Promise<AdminProgram[]>;
    /** One round with its layout, seats and holders, and waitlist; drafts included. */
    round(roundId: string): Promise<AdminRound | null>;
    createProgram(input: TProgramCreate, meta: CommandMeta): Promise<Result<ProgramView>>;
    editProgram(programId: string, input: TProgramEdit, meta: CommandMeta): Promise<Result<ProgramView>>;
    /** Creates a DRAFT round. */
    createRound(input: TRoundCreate, meta: CommandMeta): Promise<Result<RoundAfterChange>>;
    editRound(
      roundId: string,
      input: TRoundEdit,
      meta: CommandMeta,
    ): Promise<Result<RoundAfterChange & { fields: string[] }>>;
    /** open, pause, resume, extend, close. */
    roundCommand(roundId: string, command: AdminRoundCommand, meta: CommandMeta): Promise<Result<RoundAfterChange>>;
    /** Release or reassign any seat, with a reason. */
    seatCommand(roundId: string, command: AdminSeatCommand, meta: CommandMeta): Promise<Result<AdminSeatResult>>;
    /** The round's bookings as CSV; null if the round does not exist. */
    bookingsCsv(roundId: string): Promise<string | null>;
  };
  audit: {
    /** The audit log, filtered and paged (admins only). */
    list(query: TAuditQuery): Promise<AuditPage>;
    /** An applicant's own entries: changes to seats they held, with other applicants left out. */
    mine(applicantId: string, query: TMyAuditQuery): Promise<AuditPage<ApplicantAuditEntry>>;
  };
  /**
   * Rate limiting that a route handler takes part in. Request and command
   * rates are enforced by the custom server before Next; the admin sign-in
   * lockout needs the sign-in's outcome, so lib/admin-auth.ts drives it.
   */
  rateLimit: {
    adminSignIn: {
      /** Counts an attempt from `ip` as a failure before the password is checked; refused while locked out. */
      attempt(ip: string): Promise<AdminSignInAttempt>;
      /** A right password: the address's failures are forgotten. */
      succeeded(ip: string): Promise<void>;
    };
  };
  listRounds(): Promise<RoundSummary[]>;
  getRoundSnapshot(roundId: string, viewerId?: string): Promise<RoundSnapshot | null>;
  getRoundTimer(roundId: string): Promise<RoundTimer | null>;
  createApplicant(name: string): Promise<{ id: string; name: string }>;
  findApplicant(id: string): Promise<{ id: string; name: string } | null>;
  health(): Promise<{ database: boolean }>;
}

const KEY = Symbol.for("intake.services");
type WithServices = typeof globalThis & { [KEY]?: IntakeServices };

export function setServices(services: IntakeServices | undefined): void {
  (globalThis as WithServices)[KEY] = services;
}

export function getServices(): IntakeServices {
  const services = (globalThis as WithServices)[KEY];
  if (!services) throw new Error("Intake services are not set: start Intake with `npm start`, not `next start`.");
  return services;
}
