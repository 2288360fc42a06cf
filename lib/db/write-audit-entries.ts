import type { NewAuditEntry } from "../domain/audit.ts";
import type { SqlExecutor } from "./bump-application-rollups.ts";
import { Prisma } from "./generated/client.ts";

const COLUMNS = [
  "actorType",
  "actorId",
  "action",
  "roundId",
  "seatId",
  "holderBefore",
  "holderAfter",
  "before",
  "after",
  "outcome",
  "requestId",
  "traceId",
  "detail",
] as const;

const insertColumns = Prisma.raw(["at", ...COLUMNS].map((c) => `"${c}"`).join(", "));
// Each row arrives as a JSON array; ->> gives its items back as SQL values (objects as JSON text).
const selectColumns = Prisma.raw(COLUMNS.map((_, i) => `e.value ->> ${i}`).join(", "));

/**
 * Appends audit rows inside the caller's transaction with one INSERT per
 * instant (a batch has one): the rows travel as one JSON parameter that
 * json_each unpacks, so the statement and its two parameters are the same size
 * however many seats a batch changed (binding 13 parameters a row cost about as
 * much as the rest of the batch). The same SQL runs on SQLite and PostgreSQL:
 * the rows are an object keyed by position, because PostgreSQL's json_each
 * takes only objects (both keep its order; the keys are text, hence the CAST),
 * and an INSERT … SELECT types the bare `at` parameter by its target column on
 * PostgreSQL. Nothing ever updates or deletes these rows (the database refuses).
 */
export async function writeAuditEntries(tx: SqlExecutor, entries: readonly NewAuditEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; ) {
    const at = (entries[start] as NewAuditEntry).at;
    let end = start;
    while (end < entries.length && (entries[end] as NewAuditEntry).at === at) end++;
    const rows = entries
      .slice(start, end)
      .map((e) => [
        e.actor.type,
        e.actor.id,
        e.action,
        e.roundId,
        e.seatId ?? null,
        e.holderBefore ?? null,
        e.holderAfter ?? null,
        e.before ?? null,
        e.after ?? null,
        e.outcome,
        e.requestId,
        e.traceId ?? null,
        e.detail ?? null,
      ]);
    await tx.execute(Prisma.sql`
      INSERT INTO "AuditEntry" (${insertColumns})
      SELECT ${new Date(at)}, ${selectColumns} FROM json_each(${JSON.stringify({ ...rows })}) AS e
      ORDER BY CAST(e.key AS INTEGER)`);
    start = end;
  }
}
