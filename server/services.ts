import type { SessionOptions } from "iron-session";
import type { Clock } from "../lib/clock.ts";
import { compareApplicationGroups } from "../lib/db/compare-application-groups.ts";
import { createApplicant } from "../lib/db/create-applicant.ts";
import type { Db } from "../lib/db/create-db.ts";
import { createDraftRound } from "../lib/db/create-draft-round.ts";
import { createProgram, type ProgramView } from "../lib/db/create-program.ts";
import { editProgram } from "../lib/db/edit-program.ts";
import { editRound } from "../lib/db/edit-round.ts";
import { findApplicant } from "../lib/db/find-applicant.ts";
import { getAdminPasswordSetAt } from "../lib/db/get-admin-password-set-at.ts";
import { getAdminRound } from "../lib/db/get-admin-round.ts";
import { getHeatmap } from "../lib/db/get-heatmap.ts";
import { getRoundSnapshot } from "../lib/db/get-round-snapshot.ts";
import { getRoundTimer } from "../lib/db/get-round-timer.ts";
import { getRoundView } from "../lib/db/get-round-view.ts";
import { listAdminPrograms } from "../lib/db/list-admin-programs.ts";
import { listAnalyticsPrograms } from "../lib/db/list-analytics-programs.ts";
import { listAuditEntries } from "../lib/db/list-audit-entries.ts";
import { listBookings } from "../lib/db/list-bookings.ts";
import { listRounds } from "../lib/db/list-rounds.ts";
import { pingDatabase } from "../lib/db/ping-database.ts";
import { verifyAdminPassword } from "../lib/db/verify-admin-password.ts";
import { toApplicantAuditEntry } from "../lib/domain/audit.ts";
import { bookingsToCsv } from "../lib/domain/bookings-csv.ts";
import type { Result } from "../lib/errors.ts";
import type { SeatAssigned } from "../lib/realtime/events.ts";
import type { IntakeServices, RoundAfterChange } from "../lib/server-only/server-context.ts";
import type { Logger } from "./log.ts";
import type { RateLimiter } from "./rate-limit/create-rate-limiter.ts";
import type { ReservationEngine } from "./reservation-engine.ts";
import type { Sessions } from "./sessions.ts";

/** Binds the lib/db queries to this process's database and clock for the Next.js side. */
export function createServices(deps: {
  db: Db;
  clock: Clock;
  session: SessionOptions;
  sessions: Sessions;
  log: Logger;
  adminSessionTtlMs: number;
  engine: ReservationEngine;
  rateLimiter: RateLimiter;
  /** Private events to one applicant's sockets. */
  notify: { seatAssigned(applicantId: string, event: SeatAssigned): void };
}): IntakeServices {
  const { db, clock, session, log, engine } = deps;
  /** The round as it stands after a change, with its seq. */
  const roundAfter = async (roundId: string): Promise<Result<RoundAfterChange>> => {
    const view = await getRoundView(db, roundId);
    return view ? { ok: true, value: view } : { ok: false, code: "NOT_FOUND", message: "No such round." };
  };
  return {
    clock,
    log,
    session,
    sessions: { resolve: deps.sessions.resolve, start: deps.sessions.start, end: deps.sessions.end },
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
    adminRounds: {
      overview: () => listAdminPrograms(db, { now: clock.now() }),
      round: (roundId) => getAdminRound(db, { roundId, now: clock.now() }),
      createProgram: (program, meta) => createProgram(db, { program, now: clock.now(), meta }),
      editProgram: (programId, edit, meta) =>
        engine.change<Result<ProgramView>>([], async (now) => {
          const result = await editProgram(db, { programId, edit, now, meta });
          return result.ok
            ? { value: { ok: true, value: result.value.program }, changed: result.value.rounds }
            : { value: result, changed: [] };
        }),
      async createRound(input, meta) {
        const { layout, seatCount: _, ...round } = input;
        const created = await createDraftRound(db, {
          round: { ...round, rows: layout.rows, cols: layout.cols },
          now: clock.now(),
          meta,
        });
        return created.ok ? roundAfter(created.value.id) : created;
      },
      async editRound(roundId, input, meta) {
        const { seatCount: _, ...edit } = input;
        const edited = await engine.change([roundId], async (now) => {
          const result = await editRound(db, { roundId, edit, now, meta });
          const seq = result.ok ? result.value.seq : null;
          return { value: result, changed: seq === null ? [] : [{ id: roundId, seq }] };
        });
        if (!edited.ok) return edited;
        const after = await roundAfter(roundId);
        return after.ok ? { ok: true, value: { ...after.value, fields: edited.value.fields } } : after;
      },
      async roundCommand(roundId, command, meta) {
        const outcome = await engine.submit(roundId, { ...command, meta });
        return outcome.ok ? roundAfter(roundId) : outcome;
      },
      async seatCommand(roundId, command, meta) {
        const outcome = await engine.submit(roundId, { ...command, meta });
        if (!outcome.ok) return outcome;
        const { id, label, status, holderId, heldUntil } = outcome.seat;
        // The new holder's boards learn the seat is theirs; everyone saw the change (FREE, then taken) already.
        if (command.kind === "admin-reassign" && holderId && status !== "FREE") {
          deps.notify.seatAssigned(holderId, {
            roundId,
            seatId: id,
            label,
            status,
            ...(heldUntil === null ? {} : { heldUntil }),
          });
        }
        return { ok: true, value: { id, label, status, holderId, heldUntil } };
      },
      async bookingsCsv(roundId) {
        const rows = await listBookings(db, roundId);
        return rows && bookingsToCsv(rows);
      },
    },
    audit: {
      list: (query) => listAuditEntries(db, query),
      async mine(applicantId, query) {
        const page = await listAuditEntries(db, { ...query, applicantId });
        return { ...page, entries: page.entries.map((e) => toApplicantAuditEntry(e, applicantId)) };
      },
    },
    rateLimit: { adminSignIn: deps.rateLimiter.adminSignIn },
    listRounds: () => listRounds(db, { now: clock.now() }),
    getRoundSnapshot: (roundId, viewerId) => getRoundSnapshot(db, { roundId, now: clock.now(), viewerId }),
    getRoundTimer: (roundId) => getRoundTimer(db, { roundId, now: clock.now() }),
    createApplicant: (name) => createApplicant(db, { name, now: clock.now() }),
    findApplicant: (id) => findApplicant(db, id),
    health: async () => ({ database: await pingDatabase(db) }),
  };
}
