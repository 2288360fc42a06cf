import type { ArgType, SqlDriverAdapter, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";

/** Raw SQL inside one driver transaction: rows come back as objects keyed by column name. */
export interface DriverTx {
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  execute(statement: Prisma.Sql): Promise<number>;
}

const drivers = new WeakMap<Db, SqlDriverAdapter>();

/** Called by createDb: the (serialized) driver adapter behind a client. */
export function registerDriver(db: Db, adapter: SqlDriverAdapter): void {
  drivers.set(db, adapter);
}

const COLUMN_INT = new Set([0, 1]); // ColumnTypeEnum.Int32, Int64
const COLUMN_DATETIME = 10; // ColumnTypeEnum.DateTime

/**
 * Runs raw SQL in a transaction straight on the client's driver adapter (the
 * same connection and lock Prisma uses). For raw SQL, Prisma's client engine
 * only adds a compile-and-interpret step per statement, measured at about a
 * fifth of the server's CPU under bench/reserve, so the hot path skips it.
 */
export async function driverTransaction<T>(db: Db, run: (tx: DriverTx) => Promise<T>): Promise<T> {
  const adapter = drivers.get(db);
  if (!adapter) throw new Error("driverTransaction needs a client made by createDb");
  const tx = await adapter.startTransaction();
  const wrapped = wrap(tx, adapter.provider);
  let result: T;
  try {
    result = await run(wrapped);
  } catch (err) {
    await finish(tx, "ROLLBACK");
    throw err;
  }
  await finish(tx, "COMMIT");
  return result;
}

async function finish(tx: Transaction, verb: "COMMIT" | "ROLLBACK"): Promise<void> {
  try {
    if (!tx.options.usePhantomQuery) await tx.executeRaw({ sql: verb, args: [], argTypes: [] });
  } finally {
    await (verb === "COMMIT" ? tx.commit() : tx.rollback());
  }
}

function wrap(tx: Transaction, provider: SqlDriverAdapter["provider"]): DriverTx {
  const toQuery = (s: Prisma.Sql): SqlQuery => ({
    sql: provider === "postgres" ? s.statement : s.sql,
    args: s.values,
    argTypes: s.values.map(argTypeOf),
  });
  return {
    async query<T>(statement: Prisma.Sql) {
      return toObjects(await tx.queryRaw(toQuery(statement))) as T[];
    },
    execute: (statement) => tx.executeRaw(toQuery(statement)),
  };
}

function argTypeOf(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "number") return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  if (typeof value === "boolean") return { scalarType: "boolean", arity: "scalar" };
  if (typeof value === "string") return { scalarType: "string", arity: "scalar" };
  return { scalarType: "unknown", arity: "scalar" };
}

function toObjects(result: SqlResultSet): Record<string, unknown>[] {
  const { columnNames, columnTypes, rows } = result;
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    columnNames.forEach((name, i) => {
      const value = row[i];
      const type = columnTypes[i] as number;
      if (value === null || value === undefined) record[name] = null;
      else if (type === COLUMN_DATETIME) record[name] = new Date(value as string);
      else if (COLUMN_INT.has(type)) record[name] = Number(value);
      else record[name] = value;
    });
    return record;
  });
}
