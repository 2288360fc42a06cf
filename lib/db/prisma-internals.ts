import type { Attributes, Context, Link, SpanKind } from "@opentelemetry/api";
import {
  type ColumnType,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type Transaction,
} from "@prisma/driver-adapter-utils";

/**
 * The three places where Intake leans on Prisma beyond its public API, each
 * behind one function with a test (prisma-internals.test.ts) that fails if a
 * Prisma upgrade changes what it relies on. Checked against Prisma 6.19.3.
 */

const { DateTime, Int32, Int64 } = ColumnTypeEnum;

/**
 * A value from a driver adapter's result set as the engine reads it: DateTime
 * (an ISO string from better-sqlite3) as a Date, Int32 and Int64 (a bigint or
 * numeric string) as a number, NULL as null, the rest as it comes. The codes
 * are the adapters' own (`ColumnTypeEnum`, from
 * https://github.com/prisma/prisma/blob/6.19.3/packages/driver-adapter-utils/src/const.ts).
 */
export function decodeDriverValue(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === DateTime) return new Date(value as string);
  if (type === Int32 || type === Int64) return Number(value);
  return value;
}

/** The slice of @prisma/instrumentation's tracing helper that Prisma's client calls (see PrismaInstrumentation). */
export interface PrismaTracing {
  runInChildSpan<R>(
    options: { name: string; kind?: SpanKind; attributes?: Attributes; links?: Link[]; context?: Context },
    callback: () => R,
  ): R;
}

// @prisma/instrumentation publishes its helper in a global named after Prisma's major version, and the
// client reads the same slot: https://github.com/prisma/prisma/blob/6.19.3/packages/instrumentation/src/constants.ts
// and getGlobalTracingHelper in packages/client/src/runtime/core/tracing/TracingHelper.ts. Prisma 7 reads V7_.
const PRISMA_TRACING_SLOT = "V6_PRISMA_INSTRUMENTATION";

/** The tracing helper @prisma/instrumentation publishes while enabled; undefined when tracing is off. */
export function prismaTracingHelper(): PrismaTracing | undefined {
  return (globalThis as { [PRISMA_TRACING_SLOT]?: { helper?: PrismaTracing } })[PRISMA_TRACING_SLOT]?.helper;
}

/**
 * Wraps a driver adapter factory so that its one connection runs one thing at
 * a time. The better-sqlite3 adapter takes its mutex only in startTransaction
 * (https://github.com/prisma/prisma/blob/6.19.3/packages/adapter-better-sqlite3/src/better-sqlite3.ts),
 * yet every query shares its one connection: a plain query issued while a
 * transaction is open would read its uncommitted rows, or write inside it.
 * Here each plain query waits for the open transaction, and a transaction
 * waits for the query in flight. `onConnect` gets the wrapped adapter.
 */
export function serializeDriverAdapter(
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
