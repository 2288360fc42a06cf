import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { Socket } from "socket.io-client";
import type { RoundSnapshot } from "../lib/realtime/events";
import { spawnServer } from "../server/testing/spawn-server";
import { applicantSocket, demoRoundId } from "./fixtures/own-server";
import { seat, signIn } from "./fixtures/round-page";

const LIVE = { timeout: 5_000 };

// Its own server on a fresh database, so the demo round can be filled without disturbing the shared server's specs.

test("a full round offers its waitlist; a released seat is held for the first in line, live", async ({ browser }) => {
  // Starting its own server takes 10-15 s of it on a busy machine.
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-waitlist-"));
  const server = await spawnServer({ databaseUrl: `file:${path.join(dir, "waitlist.db")}` });
  const sockets: Socket[] = [];
  try {
    const id = await demoRoundId(server.url);
    const snapshot = (await (await fetch(`${server.url}/api/rounds/${id}`)).json()) as RoundSnapshot;
    // 48 other applicants take every seat.
    const holders = await Promise.all(snapshot.seats.map((_, i) => applicantSocket(server.url, `Holder ${i + 1}`)));
    sockets.push(...holders);
    const holds = await Promise.all(
      holders.map((s, i) =>
        s.timeout(5_000).emitWithAck("seat:hold", { roundId: id, seatId: snapshot.seats[i]?.id as string }),
      ),
    );
    expect(holds.every((h) => h.ok)).toBe(true);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/rounds/${id}`);
    await signIn(page, "Waiting Wanda");
    await page.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(page.locator("[data-waitlist-position]")).toHaveAttribute("data-waitlist-position", "1", LIVE);
    await expect(page.locator("[data-announcer]")).toHaveText(/number 1 on the waitlist/);

    const first = snapshot.seats[0];
    if (!first) throw new Error("no seats");
    const released = await holders[0]?.timeout(5_000).emitWithAck("seat:release", { roundId: id, seatId: first.id });
    expect(released?.ok).toBe(true);

    await expect(seat(page, first.label)).toHaveAttribute("data-mine", "true", LIVE);
    await expect(page.locator("[data-announcer]")).toHaveText(new RegExp(`seat ${first.label} is held for you`));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(seat(page, first.label)).toHaveAttribute("data-status", "BOOKED", LIVE);
    await context.close();
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
