import type { SeatTransition } from "../domain/seat-rules.ts";
import { Prisma } from "./generated/client.ts";
import type { SqlDialect } from "./sql-dialect.ts";

/**
 * PostgreSQL: `$1` placeholders; parameters in VALUES carry casts, because
 * PostgreSQL types a VALUES column from its rows and would take untyped
 * parameters as text (then `version = v.column2` compares integer with text);
 * and `FOR UPDATE` on the round's row, which other instances' batches of that
 * round wait on until this one commits (the pool gives each transaction its own
 * connection, so nothing else orders them).
 */
export const postgresDialect: SqlDialect = {
  provider: "postgresql",
  text: (statement) => statement.text,
  roundRowLock: Prisma.raw(" FOR UPDATE"),
  epochMillis: (column) => Prisma.raw(`(extract(epoch from "${column}") * 1000)::bigint`),
  keepSubquery: Prisma.empty,
  seatStateRows(transitions: readonly SeatTransition[]) {
    const rows = transitions.map(({ before, after }) => {
      const heldUntil = after.heldUntil === null ? null : new Date(after.heldUntil);
      return Prisma.sql`(${after.id}::text, ${before.version}::integer, ${after.status}::text, ${after.holderId}::text, ${heldUntil}::timestamp(3), ${after.expiredHolderId}::text)`;
    });
    return Prisma.sql`(VALUES ${Prisma.join(rows)})`;
  },
  seatVersionRows(transitions: readonly SeatTransition[]) {
    const rows = transitions.map((t) => Prisma.sql`(${t.before.id}::text, ${t.before.version}::integer)`);
    return Prisma.sql`(VALUES ${Prisma.join(rows)})`;
  },
};
