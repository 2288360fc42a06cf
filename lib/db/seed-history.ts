import { randomUUID } from "node:crypto";
import type { Outcome } from "../domain/heatmap-data.ts";
import {
  type GeneratedApplication,
  generateHistory,
  type History,
  type InjectedAnomaly,
} from "../domain/history-generator.ts";
import type { Db } from "./create-db.ts";
import { type DriverTx, driverTransaction, sqlDialectOf } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

export interface SeedHistoryOptions {
  now: number;
  /** Applications to generate (default 300,000, at most 1,000,000). */
  size?: number;
  seed?: number;
  /** Delete the history programs' applications and rollups first, instead of leaving existing history alone. */
  replace?: boolean;
}

export interface SeedHistoryResult {
  /** False when the history programs already had applications and `replace` was not set. */
  seeded: boolean;
  programs: number;
  applications: number;
  dailyRows: number;
  hourlyRows: number;
  anomalies: InjectedAnomaly[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rows per INSERT statement: large enough that statement overhead vanishes, small enough to build quickly. */
const ROWS_PER_INSERT = 2000;
/** Page cache while seeding: the default 16 MB spills pages over and over in a million-row load (~1.6x slower). */
const SEED_CACHE_KIB = 65_536;
const COUNT_COLUMNS = ["applications", "admitted", "rejected", "withdrawn", "waitlisted"] as const;
const OUTCOME_COLUMN: Record<Outcome, number> = { ADMITTED: 1, REJECTED: 2, WITHDRAWN: 3, WAITLISTED: 4 };
const HISTORY_TABLES = ["Application", "ApplicationDaily", "ApplicationHourly"] as const;

/**
 * Seeds the generated application history: upserts its programs by slug and
 * bulk-inserts the applications and both rollups (summed in memory while the
 * rows stream past), all in one transaction, so a failed seed leaves nothing.
 * Does nothing if the history programs already have applications, unless `replace`.
 */
export async function seedHistory(db: Db, options: SeedHistoryOptions): Promise<SeedHistoryResult> {
  const { now, size, seed = 1, replace = false } = options;
  const history = generateHistory({ now, size, seed });
  const seedOnce = () => driverTransaction(db, (tx) => seedInTransaction(tx, history, { now, seed, replace }));
  if (sqlDialectOf(db).provider !== "sqlite") return seedOnce();
  const [cache] = await db.$queryRawUnsafe<{ cache_size: number | bigint }[]>("PRAGMA cache_size");
  await db.$executeRawUnsafe(`PRAGMA cache_size = -${SEED_CACHE_KIB}`);
  let result: SeedHistoryResult;
  try {
    result = await seedOnce();
  } finally {
    await db.$executeRawUnsafe(`PRAGMA cache_size = ${Number(cache?.cache_size ?? -16_000)}`);
  }
  // One big transaction grows the write-ahead log to about the size of the data; give that disk back.
  if (result.seeded) await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return result;
}

async function seedInTransaction(
  tx: DriverTx,
  history: History,
  options: { now: number; seed: number; replace: boolean },
): Promise<SeedHistoryResult> {
  const { now, seed, replace } = options;
  const slugs = history.programs.map((p) => p.slug);
  const existing = await tx.query<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "Program" WHERE "slug" IN (${Prisma.join(slugs)})`,
  );
  if (existing.length > 0) {
    // Rollup rows of these programs go too, so the inserts below never meet an old row.
    const ids = Prisma.join(existing.map((p) => p.id));
    const [found] = await tx.query<{ n: number }>(
      Prisma.sql`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Application" WHERE "programId" IN (${ids}) LIMIT 1) AS "first"`,
    );
    if (found?.n && !replace) {
      return { seeded: false, programs: 0, applications: 0, dailyRows: 0, hourlyRows: 0, anomalies: [] };
    }
    for (const table of HISTORY_TABLES) {
      await tx.execute(Prisma.sql`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "programId" IN (${ids})`);
    }
  }

  const programIds: string[] = [];
  for (const program of history.programs) {
    const [row] = await tx.query<{ id: string }>(Prisma.sql`
      INSERT INTO "Program" ("id", "slug", "name", "description", "timeZone", "createdAt")
      VALUES (${randomUUID()}, ${program.slug}, ${program.name}, ${program.description}, ${program.timeZone}, ${new Date(now)})
      ON CONFLICT ("slug") DO UPDATE SET
        "name" = excluded."name", "description" = excluded."description", "timeZone" = excluded."timeZone"
      RETURNING "id"`);
    if (!row) throw new Error(`upserting program ${program.slug} returned nothing`);
    programIds.push(row.id);
  }

  const programIndex = new Map(history.programs.map((p, i) => [p.slug, i]));
  const channelIndex = new Map(history.channels.map((c, i) => [c, i]));
  const daily = new RollupCounts(programIds.length, history.channels.length);
  const hourly = new RollupCounts(programIds.length, history.channels.length);
  const idPrefix = `hist-${seed.toString(36)}-`;
  let inserted = 0;
  for (const batch of history.batches(ROWS_PER_INSERT)) {
    await insertApplications(tx, batch, (a) => {
      const program = programIndex.get(a.programSlug) as number;
      const channel = channelIndex.get(a.channel) as number;
      // Summing here is cheaper than a second pass (INSERT ... SELECT ... GROUP BY measured no faster for hourly).
      daily.add(a.dayStart, program, channel, a.outcome);
      hourly.add(Math.floor(a.submittedAt / HOUR) * HOUR, program, channel, a.outcome);
      // Sortable ids append to the primary-key index instead of splitting pages all over it.
      return [`${idPrefix}${(inserted++).toString(36).padStart(6, "0")}`, programIds[program] as string];
    });
  }
  const dailyRows = await insertRollup(tx, "ApplicationDaily", "dayStart", daily, programIds, history.channels);
  const hourlyRows = await insertRollup(tx, "ApplicationHourly", "hourStart", hourly, programIds, history.channels);
  return {
    seeded: true,
    programs: programIds.length,
    applications: inserted,
    dailyRows,
    hourlyRows,
    anomalies: history.anomalies,
  };
}

/** Counts per (slot start, program, channel), keyed by one number so a million additions stay cheap. */
class RollupCounts {
  readonly counts = new Map<number, number[]>();

  constructor(
    readonly programs: number,
    readonly channels: number,
  ) {}

  add(start: number, program: number, channel: number, outcome: Outcome | null): void {
    const key = (start * this.programs + program) * this.channels + channel;
    let counts = this.counts.get(key);
    if (!counts) {
      counts = [0, 0, 0, 0, 0];
      this.counts.set(key, counts);
    }
    counts[0] = (counts[0] as number) + 1;
    if (outcome !== null) {
      const column = OUTCOME_COLUMN[outcome];
      counts[column] = (counts[column] as number) + 1;
    }
  }

  slots(): { program: number; channel: number; start: number; counts: number[] }[] {
    const width = this.programs * this.channels;
    return [...this.counts.entries()].map(([key, counts]) => {
      const start = Math.floor(key / width);
      const series = key - start * width;
      return { program: Math.floor(series / this.channels), channel: series % this.channels, start, counts };
    });
  }
}

/**
 * Multi-row INSERTs with the values written into the SQL: every value is
 * generated here (ids, timestamps, labels) and quoted, and skipping bound
 * parameters made the whole seed about a third faster.
 */
async function insertApplications(
  tx: DriverTx,
  batch: readonly GeneratedApplication[],
  keys: (a: GeneratedApplication) => [id: string, programId: string],
): Promise<void> {
  const values = batch.map((a) => {
    const [id, programId] = keys(a);
    const decidedAt = a.decidedAt === null ? "NULL" : `'${isoUtc(a.decidedAt)}'`;
    const outcome = a.outcome === null ? "NULL" : `'${a.outcome}'`;
    return `(${quote(id)},${quote(programId)},${quote(a.channel)},'${isoUtc(a.submittedAt)}',${decidedAt},${outcome})`;
  });
  await tx.execute(
    Prisma.raw(
      `INSERT INTO "Application" ("id","programId","channel","submittedAt","decidedAt","outcome") VALUES ${values.join(",")}`,
    ),
  );
}

async function insertRollup(
  tx: DriverTx,
  table: "ApplicationDaily" | "ApplicationHourly",
  startColumn: "dayStart" | "hourStart",
  rollup: RollupCounts,
  programIds: readonly string[],
  channels: readonly string[],
): Promise<number> {
  // In primary-key order (programId, channel, start), so the inserts append to the index.
  const programRank = rankOf(programIds);
  const channelRank = rankOf(channels);
  const slots = rollup
    .slots()
    .sort(
      (a, b) =>
        (programRank[a.program] as number) - (programRank[b.program] as number) ||
        (channelRank[a.channel] as number) - (channelRank[b.channel] as number) ||
        a.start - b.start,
    );
  const columns = COUNT_COLUMNS.map((c) => `"${c}"`).join(",");
  for (let i = 0; i < slots.length; i += ROWS_PER_INSERT) {
    const values = slots
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        (s) =>
          `(${quote(programIds[s.program] as string)},${quote(channels[s.channel] as string)},'${isoUtc(s.start)}',${s.counts.join(",")})`,
      );
    await tx.execute(
      Prisma.raw(
        `INSERT INTO "${table}" ("programId","channel","${startColumn}",${columns}) VALUES ${values.join(",")}`,
      ),
    );
  }
  return slots.length;
}

/** rank[i] = position of values[i] in sorted order. */
function rankOf(values: readonly string[]): number[] {
  const sorted = [...values].sort();
  return values.map((v) => sorted.indexOf(v));
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
let cachedDay = Number.NaN;
let cachedDate = "";

/**
 * The instant as the SQLite adapter stores a DateTime ("2026-03-29T07:05:00.000+00:00"),
 * so raw and Prisma-written rows compare as text. Eight times faster than toISOString
 * for the two million timestamps of a large seed, since rows of one day share the date.
 */
function isoUtc(ms: number): string {
  const day = Math.floor(ms / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDate}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}+00:00`;
}
