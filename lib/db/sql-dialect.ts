import type { SeatTransition } from "../domain/seat-rules.ts";
import type { DatabaseProvider } from "./database-provider.ts";
import type { Prisma } from "./generated/client.ts";

/**
 * What the engine's SQL says differently per database. The statements are
 * written once, in SQL both SQLite and PostgreSQL run (quoted identifiers,
 * RETURNING, UPDATE … FROM, LIMIT, IN); only these parts differ: how
 * parameters are written, how a row set of parameters is typed, and how a
 * round's row is locked. createDb picks the dialect with the driver adapter,
 * and every driver transaction carries it (`tx.dialect`).
 */
export interface SqlDialect {
  /** Which database this is, for what is not SQL at all (e.g. SQLite's PRAGMAs). */
  readonly provider: DatabaseProvider;
  /** The statement's text with this database's parameter placeholders (`?` or `$1`). */
  text(statement: Prisma.Sql): string;
  /**
   * Ends the batch's read of its round's row: what keeps other writers of that
   * round waiting until the batch commits.
   */
  readonly roundRowLock: Prisma.Sql;
  /**
   * The seats' final states as a table for `UPDATE … FROM … AS v`, one row a
   * seat: column1 id, column2 the version it was read at (the guard), column3
   * status, column4 holderId, column5 heldUntil, column6 expiredHolderId.
   */
  seatStateRows(transitions: readonly SeatTransition[]): Prisma.Sql;
  /** A DateTime column as epoch milliseconds, an integer. */
  epochMillis(column: string): Prisma.Sql;
  /**
   * Ends a subquery in FROM that the database should run as written rather
   * than fold into the outer query (or nothing, where folding does no harm).
   */
  readonly keepSubquery: Prisma.Sql;
  /** The seats as read, as a table: column1 id, column2 the version it was read at. */
  seatVersionRows(transitions: readonly SeatTransition[]): Prisma.Sql;
}
