import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplicant } from "../lib/db/create-applicant.ts";
import { createDb, type Db } from "../lib/db/create-db.ts";
import { runSeatBatch } from "../lib/db/run-seat-batch.ts";
import { createOpenRound } from "../lib/db/testing/test-db.ts";
import { migrateDatabase } from "./migrate.ts";
import { type PostgresServer, startPostgres } from "./testing/postgres-server.ts";

// A PostgreSQL server to run on, e.g. postgresql://postgres@127.0.0.1:55432/postgres (a role that may
// create databases). Unset: a private cluster of our own (server/testing/postgres-server.ts).
const givenUrl = process.env.INTAKE_TEST_POSTGRES_URL;

describe("PostgreSQL as DATABASE_URL", () => {
  const name = `intake_${randomUUID().replaceAll("-", "")}`;
  let server: PostgresServer | undefined;
  let serverUrl: string;
  const admin = () => new pg.Client({ connectionString: serverUrl });
  let url: string;
  let db: Db;

  beforeAll(async () => {
    if (givenUrl) serverUrl = givenUrl;
    else {
      server = await startPostgres();
      serverUrl = server.url("postgres");
    }
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const u = new URL(serverUrl as string);
    u.pathname = `/${name}`;
    url = u.toString();
    await migrateDatabase(url);
    db = await createDb({ url });
  });

  afterAll(async () => {
    await db?.$disconnect();
    if (server) {
      await server.stop();
      return;
    }
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  it("migrates an empty database, and a second run changes nothing", async () => {
    await migrateDatabase(url);
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(row?.n).toBe(1);
  });

  it("refuses to update, delete or truncate audit rows", async () => {
    await db.$executeRaw`
      INSERT INTO "AuditEntry" ("at", "actorType", "action", "outcome", "requestId")
      VALUES (${new Date()}, 'system', 'test', 'OK', 'r')`;
    await expect(db.$executeRaw`UPDATE "AuditEntry" SET "action" = 'x'`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEntry"`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "AuditEntry"`).rejects.toThrow(/append-only/);
  });

  it("runs a batch: two holds get two seats, a confirm books one, with audit rows and seq", async () => {
    const now = Date.now();
    const round = await createOpenRound(db, now, { rows: 2, cols: 3 });
    const [a, b] = await Promise.all(["A", "B"].map((n) => createApplicant(db, { name: n, now })));
    if (!a || !b) throw new Error("no applicants");
    const holds = await runSeatBatch(db, {
      roundId: round.id,
      now,
      commands: [
        { kind: "hold", applicantId: a.id },
        { kind: "hold", applicantId: b.id },
      ],
    });
    const seats = holds.outcomes.map((o) => (o.ok && "seat" in o ? o.seat.id : null));
    expect(new Set(seats).size).toBe(2);
    const seatA = seats[0] as string;
    await runSeatBatch(db, {
      roundId: round.id,
      now,
      commands: [{ kind: "confirm", applicantId: a.id, seatId: seatA }],
    });
    expect(await db.seat.findUnique({ where: { id: seatA }, select: { status: true, holderId: true } })).toEqual({
      status: "BOOKED",
      holderId: a.id,
    });
    expect(await db.booking.count({ where: { roundId: round.id } })).toBe(1);
    expect((await db.round.findUnique({ where: { id: round.id } }))?.seq).toBe(3);
    const actions = await db.auditEntry.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" } });
    expect(actions.map((e) => e.action)).toEqual(["seat.hold", "seat.hold", "seat.confirm"]);
    expect(
      await db.applicationDaily.findMany({ where: { programId: round.programId }, select: { admitted: true } }),
    ).toEqual([{ admitted: 1 }]);
  });

  it("gives each of 10 seats to exactly one of 40 applicants racing through two clients (two instances)", async () => {
    const other = await createDb({ url });
    try {
      const now = Date.now();
      const round = await createOpenRound(db, now, { rows: 2, cols: 5 });
      const applicants = await Promise.all(
        Array.from({ length: 40 }, (_, i) => createApplicant(db, { name: `racer ${i}`, now })),
      );
      const results = await Promise.all(
        applicants.map((a, i) =>
          runSeatBatch(i % 2 === 0 ? db : other, {
            roundId: round.id,
            now,
            commands: [{ kind: "hold", applicantId: a.id }],
          }),
        ),
      );
      const outcomes = results.map((r) => r.outcomes[0]);
      expect(outcomes.filter((o) => o?.ok)).toHaveLength(10);
      expect(outcomes.filter((o) => o && !o.ok && o.code === "NO_SEATS_LEFT")).toHaveLength(30);
      const holders = (await db.seat.findMany({ where: { roundId: round.id } })).map((s) => s.holderId);
      expect(new Set(holders).size).toBe(10);
      expect(holders).not.toContain(null);
      expect((await db.round.findUnique({ where: { id: round.id } }))?.seq).toBe(10);
    } finally {
      await other.$disconnect();
    }
  });
});
