import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createPgAdapter } from "./create-pg-adapter.ts";
import { databaseProviderOf } from "./database-provider.ts";
import { registerDriver } from "./driver-transaction.ts";
import { PrismaClient } from "./generated/client.ts";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client.ts";
import { postgresDialect } from "./postgres-dialect.ts";
import { serializeDriverAdapter } from "./prisma-internals.ts";
import { sqliteDialect } from "./sqlite-dialect.ts";
import { sqlitePathFromUrl } from "./sqlite-path.ts";

/**
 * The one client type the code is written against. Both generated clients come
 * from the same models (scripts/make-postgres-schema.ts), so their model APIs
 * are the same; the PostgreSQL client is cast to the SQLite one's type. (The
 * types are not assignable as they are: PostgreSQL's also offer more
 * transaction isolation levels and case-insensitive filters, which code
 * written for both must not use anyway.)
 */
export type Db = PrismaClient;

/**
 * Opens the database DATABASE_URL names (see databaseProviderOf): SQLite for
 * `file:`, PostgreSQL for `postgresql:`. Each registers its driver adapter and
 * SQL dialect for driverTransaction.
 */
export async function createDb(options: { url: string }): Promise<Db> {
  return databaseProviderOf(options.url) === "postgresql" ? openPostgres(options.url) : openSqlite(options.url);
}

/**
 * One Prisma client over one better-sqlite3 connection in WAL mode with a busy
 * timeout. The adapter is wrapped so that a plain query never runs inside an
 * open transaction (see serializeDriverAdapter).
 */
async function openSqlite(url: string): Promise<Db> {
  const file = sqlitePathFromUrl(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db | undefined;
  let connected: SqlDriverAdapter | undefined;
  const adapter = serializeDriverAdapter(new PrismaBetterSQLite3({ url: file, timeout: 5000 }), (a) => {
    connected = a;
    if (db) registerDriver(db, a, sqliteDialect);
  });
  db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if (!connected) throw new Error("the database adapter did not connect");
  registerDriver(db, connected, sqliteDialect);
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}

/**
 * A Prisma client over a pg pool: each transaction takes a connection of its
 * own, so unlike SQLite nothing needs serializing here; the round row lock
 * (postgresDialect) orders a round's batches instead.
 */
async function openPostgres(url: string): Promise<Db> {
  let db: Db | undefined;
  let connected: SqlDriverAdapter | undefined;
  const factory = createPgAdapter(url);
  const adapter: SqlDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      connected = await factory.connect();
      if (db) registerDriver(db, connected, postgresDialect);
      return connected;
    },
  };
  db = new PostgresPrismaClient({ adapter }) as unknown as Db;
  await db.$queryRawUnsafe("SELECT 1");
  if (!connected) throw new Error("the database adapter did not connect");
  registerDriver(db, connected, postgresDialect);
  return db;
}
