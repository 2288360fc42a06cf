import type { SessionOptions } from "iron-session";
import type { Clock } from "../lib/clock.ts";
import { compareApplicationGroups } from "../lib/db/compare-application-groups.ts";
import { createApplicant } from "../lib/db/create-applicant.ts";
import type { Db } from "../lib/db/create-db.ts";
import { findApplicant } from "../lib/db/find-applicant.ts";
import { getAdminPasswordSetAt } from "../lib/db/get-admin-password-set-at.ts";
import { getHeatmap } from "../lib/db/get-heatmap.ts";
import { getRoundSnapshot } from "../lib/db/get-round-snapshot.ts";
import { getRoundTimer } from "../lib/db/get-round-timer.ts";
import { listAnalyticsPrograms } from "../lib/db/list-analytics-programs.ts";
import { listRounds } from "../lib/db/list-rounds.ts";
import { pingDatabase } from "../lib/db/ping-database.ts";
import { verifyAdminPassword } from "../lib/db/verify-admin-password.ts";
import type { IntakeServices } from "../lib/server-context.ts";
import type { Logger } from "./log.ts";

/** Binds the lib/db queries to this process's database and clock for the Next.js side. */
export function createServices(deps: {
  db: Db;
  clock: Clock;
  session: SessionOptions;
  log: Logger;
  adminSessionTtlMs: number;
}): IntakeServices {
  const { db, clock, session, log } = deps;
  return {
    clock,
    log,
    session,
    analytics: {
      catalog: () => listAnalyticsPrograms(db),
      heatmap: (query) => getHeatmap(db, query, clock.now()),
      compare: (query) => compareApplicationGroups(db, query),
    },
    admin: {
      sessionTtlMs: deps.adminSessionTtlMs,
      verifyPassword: (password) => verifyAdminPassword(db, password),
      passwordSetAt: () => getAdminPasswordSetAt(db),
    },
    listRounds: () => listRounds(db, { now: clock.now() }),
    getRoundSnapshot: (roundId, viewerId) => getRoundSnapshot(db, { roundId, now: clock.now(), viewerId }),
    getRoundTimer: (roundId) => getRoundTimer(db, { roundId, now: clock.now() }),
    createApplicant: (name) => createApplicant(db, { name, now: clock.now() }),
    findApplicant: (id) => findApplicant(db, id),
    health: async () => ({ database: await pingDatabase(db) }),
  };
}
