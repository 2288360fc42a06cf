import { createRequire } from "node:module";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { type ArgType, ColumnTypeEnum, type SqlDriverAdapter, type SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeDriverValue, prismaTracingHelper, serializeDriverAdapter } from "./prisma-internals.ts";

// These tests pin what lib/db relies on in Prisma 6.19.3 beyond its public API. When one fails after an
// upgrade, read the function it names and the upstream source its comment links, then adjust both.

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const scalar = (scalarType: ArgType["scalarType"]): ArgType => ({ scalarType, arity: "scalar" });
const sql = (text: string, args: unknown[] = [], argTypes: ArgType[] = []): SqlQuery => ({ sql: text, args, argTypes });

/** Every member of an object, its prototype chain included, sorted. */
function membersOf(object: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) if (name !== "constructor") names.add(name);
  }
  return [...names].sort();
}

async function withTable(adapter: SqlDriverAdapter): Promise<void> {
  await adapter.executeScript('CREATE TABLE "T" ("n" INTEGER NOT NULL, "at" DATETIME NOT NULL, "s" TEXT)');
}

const countRows = async (adapter: SqlDriverAdapter) => {
  const result = await adapter.queryRaw(sql('SELECT COUNT(*) AS "c" FROM "T"'));
  return decodeDriverValue(result.rows[0]?.[0], ColumnTypeEnum.Int64);
};

describe("decodeDriverValue", () => {
  it("reads the column types and values the better-sqlite3 adapter returns for our columns", async () => {
    const adapter = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    await withTable(adapter);
    await adapter.executeRaw(
      sql(
        'INSERT INTO "T" VALUES (?, ?, ?)',
        [7, new Date(T0), "x"],
        [scalar("int"), scalar("datetime"), scalar("string")],
      ),
    );
    const result = await adapter.queryRaw(sql('SELECT "n", "at", "s", COUNT(*) AS "c", NULL AS "z" FROM "T"'));
    expect(result.columnTypes).toEqual([
      ColumnTypeEnum.Int32,
      ColumnTypeEnum.DateTime,
      ColumnTypeEnum.Text,
      ColumnTypeEnum.Int64,
      ColumnTypeEnum.Int32,
    ]);
    const row = result.rows[0] ?? [];
    expect(result.columnTypes.map((type, i) => decodeDriverValue(row[i], type))).toEqual([
      7,
      new Date(T0),
      "x",
      1,
      null,
    ]);
    await adapter.dispose();
  });
});

describe("prismaTracingHelper", () => {
  const instrumentation = new PrismaInstrumentation({ enabled: false });
  afterEach(() => {
    instrumentation.disable();
  });

  it("finds the helper @prisma/instrumentation publishes, in the slot the installed client reads", () => {
    expect(prismaTracingHelper()).toBeUndefined();
    instrumentation.enable();
    const helper = prismaTracingHelper();
    expect(typeof helper?.runInChildSpan).toBe("function");
    // The client reads `V<its major version>_PRISMA_INSTRUMENTATION`: the slot must follow the installed client.
    const { version } = createRequire(import.meta.url)("@prisma/client/package.json") as { version: string };
    const slot = `V${version.split(".")[0]}_PRISMA_INSTRUMENTATION`;
    expect((globalThis as unknown as Record<string, { helper?: unknown } | undefined>)[slot]?.helper).toBe(helper);
    instrumentation.disable();
    expect(prismaTracingHelper()).toBeUndefined();
  });
});

describe("serializeDriverAdapter", () => {
  let inner: SqlDriverAdapter;
  let wrapped: SqlDriverAdapter;
  beforeEach(async () => {
    const factory = serializeDriverAdapter(new PrismaBetterSQLite3({ url: ":memory:" }), (a) => {
      wrapped = a;
    });
    // The wrapper connects the inner factory itself; a second adapter on its own connection shows the inner's behaviour.
    await factory.connect();
    inner = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    await withTable(wrapped);
    await withTable(inner);
  });

  it("is needed: the adapter runs a plain query inside an open transaction (it reads uncommitted rows)", async () => {
    const tx = await inner.startTransaction();
    await tx.executeRaw(sql('INSERT INTO "T" VALUES (1, 0, NULL)'));
    expect(await countRows(inner)).toBe(1);
    await tx.executeRaw(sql("ROLLBACK"));
    await tx.rollback();
    expect(await countRows(inner)).toBe(0);
  });

  it("makes a plain query wait for the open transaction", async () => {
    const tx = await wrapped.startTransaction();
    await tx.executeRaw(sql('INSERT INTO "T" VALUES (1, 0, NULL)'));
    let counted: unknown;
    const count = countRows(wrapped).then((c) => {
      counted = c;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted).toBeUndefined();
    await tx.executeRaw(sql("ROLLBACK"));
    await tx.rollback();
    await count;
    expect(counted).toBe(0);
  });

  it("relies on transactions that leave COMMIT and ROLLBACK to the caller (driverTransaction sends them)", async () => {
    const tx = await inner.startTransaction();
    expect(tx.options).toEqual({ usePhantomQuery: false });
    await tx.executeRaw(sql('INSERT INTO "T" VALUES (1, 0, NULL)'));
    await tx.executeRaw(sql("COMMIT"));
    await tx.commit();
    expect(await countRows(inner)).toBe(1);
  });

  it("forwards every member of the adapter and its transactions (the rest are the adapter's own helpers)", async () => {
    const helpers = ["adapterOptions", "client", "executeIO", "onError", "performIO"];
    expect(membersOf(inner)).toEqual(
      [
        ...helpers,
        "adapterName",
        "dispose",
        "executeRaw",
        "executeScript",
        "provider",
        "queryRaw",
        "startTransaction",
      ].sort(),
    );
    expect(Object.keys(wrapped).sort()).toEqual(
      [
        "adapterName",
        "dispose",
        "executeRaw",
        "executeScript",
        "getConnectionInfo",
        "provider",
        "queryRaw",
        "startTransaction",
      ].sort(),
    );
    const tx = await inner.startTransaction();
    expect(membersOf(tx)).toEqual(
      [...helpers, "adapterName", "commit", "executeRaw", "options", "provider", "queryRaw", "rollback"].sort(),
    );
    await tx.executeRaw(sql("ROLLBACK"));
    await tx.rollback();
    const wrappedTx = await wrapped.startTransaction();
    expect(Object.keys(wrappedTx).sort()).toEqual(
      ["adapterName", "commit", "executeRaw", "options", "provider", "queryRaw", "rollback"].sort(),
    );
    await wrappedTx.executeRaw(sql("ROLLBACK"));
    await wrappedTx.rollback();
  });
});
