import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewAuditEntry } from "../domain/audit.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import { sqlitePathFromUrl } from "./sqlite-path.ts";
import { createOpenRound, openFreshDb } from "./testing/test-db.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

const entry = (i: number): NewAuditEntry => ({
  at: T0 + i,
  actor: { type: "system", id: null },
  action: "seat.expire",
  roundId: "r1",
  seatId: `s${i}`,
  holderBefore: "a",
  before: { status: "HELD", holderId: "a", heldUntil: T0 },
  after: { status: "FREE", holderId: null, heldUntil: null },
  outcome: "OK",
  requestId: `req-${i}`,
});

describe("the audit log (AuditEntry)", () => {
  let db: Db;
  let url: string;
  beforeAll(async () => {
    ({ db, url } = await openFreshDb());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("appends 1,501 rows in one statement, in order, with their JSON states", async () => {
    await driverTransaction(db, (tx) =>
      writeAuditEntries(
        tx,
        Array.from({ length: 1501 }, (_, i) => entry(i)),
      ),
    );
    const rows = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(1501);
    expect(rows.map((r) => r.requestId)).toEqual(Array.from({ length: 1501 }, (_, i) => `req-${i}`));
    expect(rows[0]).toMatchObject({
      actorType: "system",
      actorId: null,
      action: "seat.expire",
      at: new Date(T0),
      traceId: null,
      detail: null,
    });
    expect(JSON.parse(rows[0]?.after ?? "")).toEqual({ status: "FREE", holderId: null, heldUntil: null });
  });

  it("is append-only in the database itself: UPDATE and DELETE abort, through Prisma or raw SQL", async () => {
    const [first] = await db.auditEntry.findMany({ take: 1 });
    if (!first) throw new Error("no rows");
    const count = await db.auditEntry.count();
    // Prisma's client reports the trigger's abort as a constraint violation, without the trigger's message.
    await expect(db.auditEntry.update({ where: { id: first.id }, data: { outcome: "FORGED" } })).rejects.toThrow();
    await expect(db.auditEntry.deleteMany({})).rejects.toThrow();
    await expect(db.$executeRaw`UPDATE "AuditEntry" SET "actorType" = 'admin'`).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM "AuditEntry" WHERE "id" = ${first.id}`).rejects.toThrow();
    await expect(
      driverTransaction(db, (tx) => tx.execute(Prisma.sql`UPDATE "AuditEntry" SET "detail" = 'rewritten'`)),
    ).rejects.toThrow();
    // Straight on the file, past Prisma's error mapping: it is the trigger that refuses.
    const raw = new Database(sqlitePathFromUrl(url));
    try {
      expect(() => raw.prepare(`UPDATE "AuditEntry" SET "outcome" = 'FORGED'`).run()).toThrow(
        "AuditEntry is append-only: rows cannot be updated",
      );
      expect(() => raw.prepare(`DELETE FROM "AuditEntry"`).run()).toThrow(
        "AuditEntry is append-only: rows cannot be deleted",
      );
    } finally {
      raw.close();
    }
    expect(await db.auditEntry.count()).toBe(count);
    expect(await db.auditEntry.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
  });

  it("outlives what it names: deleting a round leaves its audit rows", async () => {
    const round = await createOpenRound(db, T0);
    await driverTransaction(db, (tx) => writeAuditEntries(tx, [{ ...entry(0), roundId: round.id }]));
    await db.round.delete({ where: { id: round.id } });
    expect(await db.auditEntry.count({ where: { roundId: round.id } })).toBe(1);
  });
});
