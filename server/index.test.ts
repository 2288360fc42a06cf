import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db/create-db.ts";
import { freePort } from "./testing/free-port.ts";
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

/** server/index.ts run to its end: its exit code and what it wrote to stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("npm start refuses to start, with one line naming the setting and no stack trace", () => {
  const secrets = { SESSION_SECRET: "s".repeat(40), ADMIN_PASSWORD: "a-long-admin-password" };
  const noStack = /^\s+at /m;

  it("for a DATABASE_URL of an unknown scheme", async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: "mysql://db.example/intake" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^intake: cannot start: Invalid environment:\n\s+DATABASE_URL: must be a file: URL/);
    expect(stderr).not.toMatch(noStack);
  });

  it("for PostgreSQL without the secrets every instance must share", async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/intake" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SESSION_SECRET: must be set when DATABASE_URL is PostgreSQL/);
    expect(stderr).toMatch(/ADMIN_PASSWORD: must be set when DATABASE_URL is PostgreSQL/);
    expect(stderr).not.toMatch(noStack);
  });

  it("for a PostgreSQL that refuses the connection, naming where without the password", async () => {
    const port = await freePort();
    const { code, stderr } = await runToExit({
      DATABASE_URL: `postgresql://postgres:hunter2-secret@127.0.0.1:${port}/intake`,
      ...secrets,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `intake: cannot start: DATABASE_URL: cannot migrate the database at postgresql://127.0.0.1:${port}/intake: Can't reach database server at \`127.0.0.1:${port}\``,
    );
    expect(stderr).not.toContain("hunter2-secret");
    expect(stderr).not.toMatch(noStack);
  });
});
