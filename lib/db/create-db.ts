import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { registerDriver } from "./driver-transaction.ts";
import { PrismaClient } from "./generated/client.ts";
import { serializeDriverAdapter } from "./prisma-internals.ts";
import { sqliteDialect } from "./sqlite-dialect.ts";
import { sqlitePathFromUrl } from "./sqlite-path.ts";

export type Db = PrismaClient;

/**
 * Opens the database: one Prisma client over one better-sqlite3 connection in
 * WAL mode with a busy timeout. The adapter is wrapped so that a plain query
 * never runs inside an open transaction (see serializeDriverAdapter).
 */
export async function createDb(options: { url: string }): Promise<Db> {
  const file = sqlitePathFromUrl(options.url);
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
