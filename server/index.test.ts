import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/db/create-db.ts";

/** `npm start` as a user runs it: server/index.ts on an empty database folder. */
function start(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
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
    const server = start(databaseUrl);
    const url = await server.url;
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

    const exited = exitOf(server.child);
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(server.output()).not.toContain(secret);
    // The analytics have history from the first start: SEED_HISTORY_SIZE (2,000 in tests) applications.
    expect(await countApplications(databaseUrl)).toBe(2000);
  });

  it("does not seed twice on a restart", async () => {
    const server = start(databaseUrl, { SESSION_SECRET: "s".repeat(40) });
    const url = await server.url;
    const { rounds } = await (await fetch(`${url}/api/rounds`)).json();
    expect(rounds).toHaveLength(3);
    const exited = exitOf(server.child);
    server.child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await countApplications(databaseUrl)).toBe(2000);
  });

  it("refuses to start with a bad setting and says which", async () => {
    const server = start(databaseUrl, { PORT: "not-a-port" });
    await expect(server.url).rejects.toThrow(/PORT/);
  });
});
