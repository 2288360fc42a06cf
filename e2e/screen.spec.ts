import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, RoundSnapshot, ServerToClientEvents } from "../lib/realtime/events";
import { DEMO_ROUND } from "./fixtures/round-page";

// A screen must show a change within this long; waits poll the DOM, never sleep.
const LIVE = { timeout: 5_000 };
// EventSource retries every 2 s (the server's retry hint) while the server is down.
const RESUMED = { timeout: 20_000 };
// This spec's own server, apart from the shared one on 3217, so it can stop and start it.
const OWN_PORT = 3291;

const screen = (page: Page) => page.locator("[data-round-screen]");
const seat = (page: Page, label: string) => page.locator(`[data-seat-label="${label}"]`);
const connection = (page: Page) => page.locator("[data-connection]");

async function demoRoundId(base: string): Promise<string> {
  const { rounds } = (await (await fetch(`${base}/api/rounds`)).json()) as { rounds: { id: string; title: string }[] };
  const demo = rounds.find((r) => r.title === DEMO_ROUND);
  if (!demo) throw new Error("no demo round");
  return demo.id;
}

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

interface OwnServer {
  child: ChildProcess;
  base: string;
}

/** server/index.ts as `npm start` runs it, on this spec's database file; resolves once it listens. */
function startServer(databaseUrl: string): Promise<OwnServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: "127.0.0.1", PORT: String(OWN_PORT), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) resolve({ child, base: match[1] });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function stopServer(server: OwnServer): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** A signed-in applicant's socket (the cookie from POST /api/session). */
async function applicantSocket(
  base: string,
  name: string,
): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

test("the screen resumes by itself across a server restart and shows what changed", async ({ page }) => {
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-screen-"));
  const databaseUrl = `file:${path.join(dir, "screen.db")}`;
  let server = await startServer(databaseUrl);
  const sockets: Socket[] = [];
  try {
    const id = await demoRoundId(server.base);
    const snapshot = (await (await fetch(`${server.base}/api/rounds/${id}`)).json()) as RoundSnapshot;
    const seatId = (label: string) => snapshot.seats.find((s) => s.label === label)?.id ?? "";

    await page.goto(`${server.base}/rounds/${id}/screen`);
    await expect(connection(page)).toHaveAttribute("data-connection", "live", LIVE);

    const ada = await applicantSocket(server.base, "Ada");
    sockets.push(ada);
    const held = await ada.timeout(5_000).emitWithAck("seat:hold", { roundId: id, seatId: seatId("A1") });
    expect(held.ok).toBe(true);
    await expect(seat(page, "A1")).toHaveAttribute("data-status", "HELD", LIVE);
    await expect(screen(page)).toHaveAttribute("data-seq", "1");

    await stopServer(server);
    await expect(connection(page)).toHaveAttribute("data-connection", "reconnecting", LIVE);

    // Same database file, so the same rounds, seats and session secret; the event buffer starts empty.
    server = await startServer(databaseUrl);
    const grace = await applicantSocket(server.base, "Grace");
    const again = await applicantSocket(server.base, "Ada again");
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
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
