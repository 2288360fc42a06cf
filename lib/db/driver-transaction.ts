import { type Context, context, createContextKey, type Link, SpanKind } from "@opentelemetry/api";
import type {
  ArgType,
  ColumnType,
  SqlDriverAdapter,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";
import { decodeDriverValue, type PrismaTracing, prismaTracingHelper } from "./prisma-internals.ts";
import type { SqlDialect } from "./sql-dialect.ts";

/** Raw SQL inside one driver transaction: rows come back as objects keyed by column name. */
export interface DriverTx {
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  execute(statement: Prisma.Sql): Promise<number>;
  /** The parts of SQL that differ per database, for statements that need them. */
  readonly dialect: SqlDialect;
}

interface Driver {
  adapter: SqlDriverAdapter;
  dialect: SqlDialect;
}

const drivers = new WeakMap<Db, Driver>();

/** Called by createDb: the (serialized) driver adapter behind a client, and the SQL dialect it speaks. */
export function registerDriver(db: Db, adapter: SqlDriverAdapter, dialect: SqlDialect): void {
  drivers.set(db, { adapter, dialect });
}

/** The SQL dialect of a client made by createDb. */
export function sqlDialectOf(db: Db): SqlDialect {
  const driver = drivers.get(db);
  if (!driver) throw new Error("sqlDialectOf needs a client made by createDb");
  return driver.dialect;
}

/**
 * Runs raw SQL in a transaction straight on the client's driver adapter (the
 * same connection and lock Prisma uses). For raw SQL, Prisma's client engine
 * only adds a compile-and-interpret step per statement, measured at about a
 * fifth of the server's CPU under bench/reserve, so the hot path skips it.
 *
 * Skipping the client also skips its tracing, so when @prisma/instrumentation
 * is on, this reports through the same hook the client uses: a
 * `prisma:client:transaction` span (linked to the commands of the batch, see
 * withTransactionLinks) with a `prisma:client:db_query` span per statement.
 */
export async function driverTransaction<T>(db: Db, run: (tx: DriverTx) => Promise<T>): Promise<T> {
  const driver = drivers.get(db);
  if (!driver) throw new Error("driverTransaction needs a client made by createDb");
  const tracing = prismaTracingHelper();
  if (!tracing) return transaction(driver, run, undefined);
  const links = context.active().getValue(TRANSACTION_LINKS) as Link[] | undefined;
  return tracing.runInChildSpan({ name: "transaction", attributes: { method: "driverTransaction" }, links }, () =>
    transaction(driver, run, tracing),
  );
}

async function transaction<T>(
  { adapter, dialect }: Driver,
  run: (tx: DriverTx) => Promise<T>,
  tracing: PrismaTracing | undefined,
): Promise<T> {
  const tx = await adapter.startTransaction();
  const wrapped = wrap(tx, adapter.provider, dialect, tracing);
  let result: T;
  try {
    result = await run(wrapped);
  } catch (err) {
    await finish(tx, "ROLLBACK", tracing);
    throw err;
  }
  await finish(tx, "COMMIT", tracing);
  return result;
}

async function finish(tx: Transaction, verb: "COMMIT" | "ROLLBACK", tracing: PrismaTracing | undefined): Promise<void> {
  try {
    if (!tx.options.usePhantomQuery) {
      const query = { sql: verb, args: [], argTypes: [] };
      await traced(tracing, tx.provider, query, () => tx.executeRaw(query));
    }
  } finally {
    await (verb === "COMMIT" ? tx.commit() : tx.rollback());
  }
}

function wrap(
  tx: Transaction,
  provider: SqlDriverAdapter["provider"],
  dialect: SqlDialect,
  tracing: PrismaTracing | undefined,
): DriverTx {
  const toQuery = (s: Prisma.Sql): SqlQuery => ({
    sql: dialect.text(s),
    args: s.values,
    argTypes: s.values.map(argTypeOf),
  });
  return {
    dialect,
    async query<T>(statement: Prisma.Sql) {
      const query = toQuery(statement);
      return toObjects(await traced(tracing, provider, query, () => tx.queryRaw(query))) as T[];
    },
    execute(statement) {
      const query = toQuery(statement);
      return traced(tracing, provider, query, () => tx.executeRaw(query));
    },
  };
}

function traced<R>(tracing: PrismaTracing | undefined, provider: string, query: SqlQuery, run: () => Promise<R>) {
  if (!tracing) return run();
  const attributes = {
    "db.query.text": query.sql,
    "db.system.name": provider === "postgres" ? "postgresql" : provider,
  };
  return tracing.runInChildSpan({ name: "db_query", kind: SpanKind.CLIENT, attributes }, run);
}

const TRANSACTION_LINKS = createContextKey("intake.transaction-links");

/**
 * A context whose driver transactions link to these spans: a group commit
 * answers many commands, each with its own trace, in one transaction.
 */
export function withTransactionLinks(parent: Context, links: Link[]): Context {
  return links.length > 0 ? parent.setValue(TRANSACTION_LINKS, links) : parent;
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
      record[name] = decodeDriverValue(row[i], columnTypes[i] as ColumnType);
    });
    return record;
  });
}
