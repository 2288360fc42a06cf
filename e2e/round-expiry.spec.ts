import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { spawnServer } from "../server/testing/spawn-server";
import { demoRoundId } from "./fixtures/own-server";
import { applicantOnRound, seat } from "./fixtures/round-page";

// Its own server and database: the round's holds are shortened so one lapses while we watch.
const HOLD_SECONDS = 2;

test("a hold that is not confirmed lapses, and the other applicant sees the seat free again", async ({ browser }) => {
  // Its own server first: migrating, seeding and preparing Next take 10-15 s of it on a busy machine.
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-expiry-"));
  const file = path.join(dir, "expiry.db");
  const server = await spawnServer({ databaseUrl: `file:${file}` });
  try {
    const id = await demoRoundId(server.url);
    const db = new Database(file);
    db.prepare('UPDATE "Round" SET "holdSeconds" = ? WHERE "id" = ?').run(HOLD_SECONDS, id);
    db.close();

    const a = await applicantOnRound(browser, `${server.url}/rounds/${id}`, "Ada");
    const b = await applicantOnRound(browser, `${server.url}/rounds/${id}`, "Grace");
    const label = (await seat(a, "A1").getAttribute("data-status")) === "FREE" ? "A1" : "A2";
    await seat(a, label).click();
    await expect(seat(a, label)).toHaveAttribute("data-mine", "true");
    await expect(seat(b, label)).toHaveAttribute("data-status", "HELD", { timeout: 2_000 });

    // The hold runs 2 s; the sweeper frees it within a second after, and both boards follow.
    await expect(seat(b, label)).toHaveAttribute("data-status", "FREE", { timeout: 8_000 });
    await expect(seat(a, label)).toHaveAttribute("data-status", "FREE", { timeout: 2_000 });
    await expect(seat(a, label)).toHaveAttribute("data-mine", "false");
    await a.context().close();
    await b.context().close();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
