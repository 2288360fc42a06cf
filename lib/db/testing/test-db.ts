import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, inject } from "vitest";
import { createDb, type Db } from "../create-db.ts";
import { type CreateRoundInput, createRound } from "../create-round.ts";

/** A fresh, migrated SQLite file in its own temp folder. */
export function freshDatabaseUrl(): { url: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(inject("testTmpDir"), "db-"));
  const file = path.join(dir, "intake.db");
  fs.copyFileSync(inject("templateDb"), file);
  return { url: `file:${file}`, dir };
}

export async function openFreshDb(): Promise<{ db: Db; url: string; dir: string }> {
  const { url, dir } = freshDatabaseUrl();
  return { db: await createDb({ url }), url, dir };
}

/** A fresh, migrated database for each test of the describe block it is called in, removed after the test. */
export function dbPerTest(): { readonly db: Db } {
  const ctx = {} as { db: Db; dir: string };
  beforeEach(async () => {
    const { db, dir } = await openFreshDb();
    Object.assign(ctx, { db, dir });
  });
  afterEach(async () => {
    await ctx.db.$disconnect();
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return ctx.db;
    },
  };
}

export const HOUR = 3_600_000;

/** An OPEN round around `now`, with sensible defaults a test can override. */
export async function createOpenRound(
  db: Db,
  now: number,
  overrides: Partial<CreateRoundInput> = {},
): Promise<{ id: string; programId: string }> {
  const program = await db.program.create({ data: { slug: `p-${Math.random().toString(36).slice(2)}`, name: "Test" } });
  const round = await createRound(db, {
    programId: program.id,
    title: "Test round",
    rows: 5,
    cols: 10,
    opensAt: now - HOUR,
    deadline: now + HOUR,
    timeZone: "UTC",
    holdSeconds: 120,
    status: "OPEN",
    ...overrides,
  });
  return { id: round.id, programId: program.id };
}

/** Every row of every table, for "nothing was written" assertions. */
export async function dumpDatabase(db: Db): Promise<unknown> {
  const [programs, rounds, seats, applicants, bookings, results, milestones] = await db.$transaction([
    db.program.findMany({ orderBy: { id: "asc" } }),
    db.round.findMany({ orderBy: { id: "asc" } }),
    db.seat.findMany({ orderBy: { id: "asc" } }),
    db.applicant.findMany({ orderBy: { id: "asc" } }),
    db.booking.findMany({ orderBy: { id: "asc" } }),
    db.commandResult.findMany({ orderBy: [{ applicantId: "asc" }, { requestId: "asc" }] }),
    db.milestone.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { programs, rounds, seats, applicants, bookings, results, milestones };
}
