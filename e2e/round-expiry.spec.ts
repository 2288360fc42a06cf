import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { spawnServer } from "../server/testing/spawn-server";
import { E2E_ADMIN_PASSWORD } from "./fixtures/admin";
import { demoRoundId } from "./fixtures/own-server";
import { applicantOnRound, seat } from "./fixtures/round-page";

// Its own server and database: the round's holds are shortened, as an admin would through the admin API, so one
// lapses while we watch. 10 s is the shortest hold the API accepts (lib/schemas/admin-rounds.ts).
const HOLD_SECONDS = 10;

test("a hold that is not confirmed lapses, and the other applicant sees the seat free again", async ({ browser }) => {
  // Its own server first: migrating, seeding and preparing Next take 10-15 s of it on a busy machine.
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-expiry-"));
  const server = await spawnServer({
    databaseUrl: `file:${path.join(dir, "expiry.db")}`,
    env: { ADMIN_PASSWORD: E2E_ADMIN_PASSWORD },
  });
  try {
    const id = await demoRoundId(server.url);
    const admin = await request.newContext({ baseURL: server.url });
    expect((await admin.post("/api/admin/session", { data: { password: E2E_ADMIN_PASSWORD } })).status()).toBe(200);
    const edited = await admin.patch(`/api/admin/rounds/${id}`, { data: { holdSeconds: HOLD_SECONDS } });
    expect(edited.status(), await edited.text()).toBe(200);
    await admin.dispose();

    const a = await applicantOnRound(browser, `${server.url}/rounds/${id}`, "Ada");
    const b = await applicantOnRound(browser, `${server.url}/rounds/${id}`, "Grace");
    const label = (await seat(a, "A1").getAttribute("data-status")) === "FREE" ? "A1" : "A2";
    await seat(a, label).click();
    await expect(seat(a, label)).toHaveAttribute("data-mine", "true");
    await expect(seat(b, label)).toHaveAttribute("data-status", "HELD", { timeout: 2_000 });

    // The hold runs 10 s; the sweeper frees it within a second after, and both boards follow.
    await expect(seat(b, label)).toHaveAttribute("data-status", "FREE", { timeout: 16_000 });
    await expect(seat(a, label)).toHaveAttribute("data-status", "FREE", { timeout: 2_000 });
    await expect(seat(a, label)).toHaveAttribute("data-mine", "false");
    await a.context().close();
    await b.context().close();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
