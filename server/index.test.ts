import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db/create-db.ts";
import { spawnServer } from "./testing/spawn-server.ts";

/** `npm start` as a user runs it: server/index.ts on an empty database folder, seeding 2,000 applications of history. */
function start(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  return spawnServer({ databaseUrl, env: { SEED_HISTORY_SIZE: "2000", ...extraEnv } });
}

async function countApplications(databaseUrl: string): Promise<number> {
  const db = await createDb({ url: databaseUrl });
  try {
    return await db.application.count();
  } finally {
    await db.$disconnect();
  }
}

describe("npm start (server/index.ts)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-start-"));
  const databaseUrl = `file:${path.join(dir, "nested", "intake.db")}`;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("migrates and seeds an empty database, serves the demo round, and stops cleanly on SIGTERM", async () => {
    const server = await start(databaseUrl);
    const url = server.url;
    const { rounds } = await (await fetch(`${url}/api/rounds`)).json();
    const open = rounds.filter((r: { status: string }) => r.status === "OPEN");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ title: "Winter cohort", seatCount: 48, free: 48 });
    expect(rounds.filter((r: { status: string }) => r.status === "CLOSED")).toHaveLength(2);
    expect((await fetch(`${url}/`)).status).toBe(200);
    expect((await fetch(`${url}/rounds/${open[0].id}`)).status).toBe(200);

    const secretFile = path.join(dir, "nested", "session-secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(secretFile, "utf8").trim();

    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).not.toContain(secret);
    // The analytics have history from the first start: SEED_HISTORY_SIZE (2,000 here) applications.
    expect(await countApplications(databaseUrl)).toBe(2000);
  });

  it("does not seed twice on a restart", async () => {
    const server = await start(databaseUrl, { SESSION_SECRET: "s".repeat(40) });
    const { rounds } = await (await fetch(`${server.url}/api/rounds`)).json();
    expect(rounds).toHaveLength(3);
    expect(await server.stop("SIGINT")).toBe(0);
    expect(await countApplications(databaseUrl)).toBe(2000);
  });

  it("refuses to start with a bad setting and says which", async () => {
    await expect(start(databaseUrl, { PORT: "not-a-port" })).rejects.toThrow(/PORT/);
  });
});
