import type { SeatTransition } from "../domain/seat-rules.ts";
import { Prisma } from "./generated/client.ts";
import type { SqlDialect } from "./sql-dialect.ts";

/**
 * SQLite: `?` placeholders; VALUES takes parameters as they come (columns are
 * named column1, column2, …); and no row lock, because createDb's adapter
 * runs every query on one connection behind the open transaction.
 */
export const sqliteDialect: SqlDialect = {
  provider: "sqlite",
  text: (statement) => statement.sql,
  roundRowLock: Prisma.empty,
  epochMillis: (column) => Prisma.raw(`unixepoch("${column}") * 1000`),
  // Without it SQLite inlines the subquery and parses each timestamp again in every arm of a CASE.
  keepSubquery: Prisma.raw("LIMIT -1"),
  seatStateRows(transitions: readonly SeatTransition[]) {
    const rows = transitions.map(({ before, after }) => {
      const heldUntil = after.heldUntil === null ? null : new Date(after.heldUntil);
      return Prisma.sql`(${after.id}, ${before.version}, ${after.status}, ${after.holderId}, ${heldUntil}, ${after.expiredHolderId})`;
    });
    return Prisma.sql`(VALUES ${Prisma.join(rows)})`;
  },
  seatVersionRows(transitions: readonly SeatTransition[]) {
    const rows = transitions.map((t) => Prisma.sql`(${t.before.id}, ${t.before.version})`);
    return Prisma.sql`(VALUES ${Prisma.join(rows)})`;
  },
};
