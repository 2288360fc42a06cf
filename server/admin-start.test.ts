import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnServer } from "./testing/spawn-server.ts";

/** `npm start` on a given database without the test process's ADMIN_PASSWORD, logging everything (trace). */
function start(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  return spawnServer({ databaseUrl, env: { ADMIN_PASSWORD: undefined, LOG_LEVEL: "trace", ...extraEnv } });
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
    const server = await start(databaseUrl);
    generated = BANNER.exec(server.stderr())?.[1] ?? "";
    expect(generated).toHaveLength(24);
    expect(server.stderr().split(generated)).toHaveLength(2);
    expect(await signInStatus(server.url, "not-the-generated-one")).toBe(401);
    expect(await signInStatus(server.url, generated)).toBe(200);
    await server.stop();
    expect(server.stdout()).toContain("admin sign-in refused");
    expect(server.stdout()).not.toContain(generated);
    expect(server.stdout()).not.toContain("not-the-generated-one");
  });

  it("does not print it again on a restart, and the same password still signs in", async () => {
    const server = await start(databaseUrl);
    expect(await signInStatus(server.url, generated)).toBe(200);
    await server.stop();
    expect(server.stderr()).not.toMatch(/admin password/i);
    expect(`${server.stdout()}${server.stderr()}`).not.toContain(generated);
  });

  it("switches to ADMIN_PASSWORD when it is set, without ever printing or logging it", async () => {
    const chosen = "an-operator-chosen-password";
    const server = await start(databaseUrl, { ADMIN_PASSWORD: chosen });
    expect(await signInStatus(server.url, generated)).toBe(401);
    expect(await signInStatus(server.url, chosen)).toBe(200);
    await server.stop();
    expect(server.stdout()).toContain("admin password set from ADMIN_PASSWORD");
    expect(server.stderr()).not.toMatch(/generated an admin password/);
    expect(`${server.stdout()}${server.stderr()}`).not.toContain(chosen);
  });
});
