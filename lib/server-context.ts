import type { SessionOptions } from "iron-session";
import type { Clock } from "./clock.ts";
import type { HeatmapResult } from "./db/get-heatmap.ts";
import type { RoundTimer } from "./db/get-round-timer.ts";
import type { AnalyticsCatalog } from "./db/list-analytics-programs.ts";
import type { RoundSummary } from "./db/list-rounds.ts";
import type { Comparison } from "./domain/compare-groups.ts";
import type { Result } from "./errors.ts";
import type { RoundSnapshot } from "./realtime/events.ts";
import type { TCompareQuery, THeatmapQuery } from "./schemas/analytics.ts";

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
  session: SessionOptions;
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
