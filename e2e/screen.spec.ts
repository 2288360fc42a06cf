import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import type { Socket } from "socket.io-client";
import type { RoundSnapshot } from "../lib/realtime/events";
import { spawnServer } from "../server/testing/spawn-server";
import { applicantSocket, demoRoundId, portOf } from "./fixtures/own-server";
import { DEMO_ROUND } from "./fixtures/round-page";

// A screen must show a change within this long; waits poll the DOM, never sleep.
const LIVE = { timeout: 5_000 };
// EventSource retries every 2 s (the server's retry hint) while the server is down.
const RESUMED = { timeout: 20_000 };

const screen = (page: Page) => page.locator("[data-round-screen]");
const seat = (page: Page, label: string) => page.locator(`[data-seat-label="${label}"]`);
const connection = (page: Page) => page.locator("[data-connection]");

test("the screen page shows the demo round live, read-only", async ({ page, baseURL }) => {
  const id = await demoRoundId(baseURL ?? "");
  await page.goto(`/rounds/${id}/screen`);
  await expect(page.getByRole("heading", { level: 1, name: DEMO_ROUND })).toBeVisible();
  await expect(connection(page)).toHaveAttribute("data-connection", "live", LIVE);
  await expect(connection(page)).toHaveText(/Live/);
  await expect(page.locator("[data-seat-label]")).toHaveCount(48);
  await expect(page.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("timer")).toHaveText(/\d+h \d\dm \d\ds/);
  await expect(page.getByRole("progressbar", { name: "Seats taken" })).toHaveAttribute("aria-valuemax", "48");
  // Other specs share this server, so the counts are checked for shape, not value.
  await expect(page.locator('[data-count="FREE"]')).toHaveText(/^\d+ free$/);
});

test("the screen resumes by itself across a server restart and shows what changed", async ({ page }) => {
  // It starts its own server twice (10-15 s each on a busy machine) and waits out EventSource's retry.
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-screen-"));
  const databaseUrl = `file:${path.join(dir, "screen.db")}`;
  // Its own server, apart from the shared one, so it can stop and start it; on a port the system picks.
  let server = await spawnServer({ databaseUrl });
  const sockets: Socket[] = [];
  try {
    const id = await demoRoundId(server.url);
    const snapshot = (await (await fetch(`${server.url}/api/rounds/${id}`)).json()) as RoundSnapshot;
    const seatId = (label: string) => snapshot.seats.find((s) => s.label === label)?.id ?? "";

    await page.goto(`${server.url}/rounds/${id}/screen`);
    await expect(connection(page)).toHaveAttribute("data-connection", "live", LIVE);

    const ada = await applicantSocket(server.url, "Ada");
    sockets.push(ada);
    const held = await ada.timeout(5_000).emitWithAck("seat:hold", { roundId: id, seatId: seatId("A1") });
    expect(held.ok).toBe(true);
    await expect(seat(page, "A1")).toHaveAttribute("data-status", "HELD", LIVE);
    await expect(screen(page)).toHaveAttribute("data-seq", "1");

    await server.stop();
    await expect(connection(page)).toHaveAttribute("data-connection", "reconnecting", LIVE);

    // Same database file, so the same rounds, seats and session secret; the event buffer starts empty.
    // Same port: the page's EventSource reconnects to the URL it had (another process could take the
    // port in the moment it is free; the system hands out ports in turn, so that is unlikely).
    server = await spawnServer({ databaseUrl, port: portOf(server) });
    const grace = await applicantSocket(server.url, "Grace");
    const again = await applicantSocket(server.url, "Ada again");
    sockets.push(grace, again);
    expect((await grace.timeout(5_000).emitWithAck("seat:hold", { roundId: id, seatId: seatId("A2") })).ok).toBe(true);
    expect((await again.timeout(5_000).emitWithAck("seat:hold", { roundId: id, seatId: seatId("B1") })).ok).toBe(true);
    expect((await again.timeout(5_000).emitWithAck("seat:confirm", { roundId: id, seatId: seatId("B1") })).ok).toBe(
      true,
    );

    await expect(connection(page)).toHaveAttribute("data-connection", "live", RESUMED);
    await expect(seat(page, "A2")).toHaveAttribute("data-status", "HELD", RESUMED);
    await expect(seat(page, "B1")).toHaveAttribute("data-status", "BOOKED", LIVE);
    await expect(seat(page, "A1")).toHaveAttribute("data-status", "HELD");
    await expect(screen(page)).toHaveAttribute("data-seq", "4", LIVE);
    await expect(page.locator('[data-count="HELD"]')).toHaveText("2 held");
    await expect(page.locator('[data-count="BOOKED"]')).toHaveText("1 booked");

    // And it keeps following after the catch-up.
    expect((await grace.timeout(5_000).emitWithAck("seat:release", { roundId: id, seatId: seatId("A2") })).ok).toBe(
      true,
    );
    await expect(seat(page, "A2")).toHaveAttribute("data-status", "FREE", LIVE);
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
