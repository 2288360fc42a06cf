import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { registerDriver } from "./driver-transaction.ts";
import { PrismaClient } from "./generated/client.ts";
import { sqliteDialect } from "./sqlite-dialect.ts";
import { sqlitePathFromUrl } from "./sqlite-path.ts";

export type Db = PrismaClient;

/**
 * Opens the database: one Prisma client over one better-sqlite3 connection in
 * WAL mode with a busy timeout.
 */
export async function createDb(options: { url: string }): Promise<Db> {
  const file = sqlitePathFromUrl(options.url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db | undefined;
  let connected: SqlDriverAdapter | undefined;
  const adapter = serializeQueries(new PrismaBetterSQLite3({ url: file, timeout: 5000 }), (a) => {
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
 * The better-sqlite3 adapter locks only around interactive transactions, yet
 * every query shares its one connection: a plain query issued while a
 * transaction is open would read its uncommitted rows, or write inside it.
 * This wrapper makes each plain query wait for the open transaction, and a
 * transaction wait for the query in flight.
 */
function serializeQueries(
  factory: SqlDriverAdapterFactory,
  onConnect: (adapter: SqlDriverAdapter) => void,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const inner = await factory.connect();
      const acquire = createLock();
      const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
        const release = await acquire();
        try {
          return await run();
        } finally {
          release();
        }
      };
      const adapter: SqlDriverAdapter = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query) => exclusive(() => inner.queryRaw(query)),
        executeRaw: (query) => exclusive(() => inner.executeRaw(query)),
        executeScript: (script) => exclusive(() => inner.executeScript(script)),
        getConnectionInfo: inner.getConnectionInfo?.bind(inner),
        dispose: () => exclusive(() => inner.dispose()),
        async startTransaction(isolationLevel): Promise<Transaction> {
          const release = await acquire();
          let tx: Transaction;
          try {
            tx = await inner.startTransaction(isolationLevel);
          } catch (err) {
            release();
            throw err;
          }
          const finish = async (end: () => Promise<void>) => {
            try {
              await end();
            } finally {
              release();
            }
          };
          return {
            provider: tx.provider,
            adapterName: tx.adapterName,
            options: tx.options,
            queryRaw: (query) => tx.queryRaw(query),
            executeRaw: (query) => tx.executeRaw(query),
            commit: () => finish(() => tx.commit()),
            rollback: () => finish(() => tx.rollback()),
          };
        },
      };
      onConnect(adapter);
      return adapter;
    },
  };
}

/** A FIFO lock: acquire() resolves with the function that releases it. */
function createLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
}
