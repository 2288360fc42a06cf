import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** `npm start` on a given database, with its stdout (the JSON log) and stderr kept apart. */
function start(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1" };
  delete env.ADMIN_PASSWORD;
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...env, LOG_LEVEL: "trace", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out.stdout += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out.stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out.stderr += chunk;
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${out.stdout}\n${out.stderr}`)));
  });
  return { child, url, out };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

function signInStatus(url: string, password: string): Promise<number> {
  return fetch(`${url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  }).then((res) => res.status);
}

const BANNER = /Intake generated an admin password[^\n]*\n\n {6}([\w-]{24})\n/;

describe("the admin password at start-up (server/index.ts)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-admin-start-"));
  const databaseUrl = `file:${path.join(dir, "intake.db")}`;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let generated = "";

  it("without ADMIN_PASSWORD generates one, prints it once to stderr (not the log), and it signs in", async () => {
    const server = start(databaseUrl);
    const url = await server.url;
    generated = BANNER.exec(server.out.stderr)?.[1] ?? "";
    expect(generated).toHaveLength(24);
    expect(server.out.stderr.split(generated)).toHaveLength(2);
    expect(await signInStatus(url, "not-the-generated-one")).toBe(401);
    expect(await signInStatus(url, generated)).toBe(200);
    await stop(server.child);
    expect(server.out.stdout).toContain("admin sign-in refused");
    expect(server.out.stdout).not.toContain(generated);
    expect(server.out.stdout).not.toContain("not-the-generated-one");
  });

  it("does not print it again on a restart, and the same password still signs in", async () => {
    const server = start(databaseUrl);
    const url = await server.url;
    expect(await signInStatus(url, generated)).toBe(200);
    await stop(server.child);
    expect(server.out.stderr).not.toMatch(/admin password/i);
    expect(`${server.out.stdout}${server.out.stderr}`).not.toContain(generated);
  });

  it("switches to ADMIN_PASSWORD when it is set, without ever printing or logging it", async () => {
    const chosen = "an-operator-chosen-password";
    const server = start(databaseUrl, { ADMIN_PASSWORD: chosen });
    const url = await server.url;
    expect(await signInStatus(url, generated)).toBe(401);
    expect(await signInStatus(url, chosen)).toBe(200);
    await stop(server.child);
    expect(server.out.stdout).toContain("admin password set from ADMIN_PASSWORD");
    expect(server.out.stderr).not.toMatch(/generated an admin password/);
    expect(`${server.out.stdout}${server.out.stderr}`).not.toContain(chosen);
  });
});
