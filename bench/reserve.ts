/**
 * bench/reserve: end-to-end seat holds per second and acknowledgement latency
 * with N Socket.IO clients against the real server (a child process), beside
 * the same guarded update issued directly through Prisma in the same run, and
 * their ratio. Everything runs on 127.0.0.1, bounded in clients and time.
 *
 *   npm run build && npx tsx bench/reserve.ts [--clients 200] [--duration 10] [--rounds 2] ...
 *
 * Product and baseline windows alternate, in the order A B, B A, A B, ... so
 * that drift in a shared machine's load, and any advantage of going first in
 * a round, falls on both sides. See
 * docs/performance.md for what is measured and the figures.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { io, type Socket } from "socket.io-client";
import { createDb } from "../lib/db/create-db.ts";
import { createRound } from "../lib/db/create-round.ts";
import { PrismaClient } from "../lib/db/generated/client.ts";
import type {
  Ack,
  ClientToServerEvents,
  HoldInfo,
  RoundSnapshot,
  ServerToClientEvents,
} from "../lib/realtime/events.ts";
import { migrateDatabase } from "../server/migrate.ts";
import { checkSeats, type SeatCheck } from "./support/check-seats.ts";
import { cpuShare, readCpuPressureUs, readCpuTime } from "./support/cpu-time.ts";
import { type LoadResult, runHoldReleaseLoad, type SeatDriver } from "./support/hold-release-load.ts";
import { createLatencyRecorder } from "./support/latency.ts";
import { type ServerChild, startServerChild } from "./support/server-child.ts";
import type { ProbeReport } from "./support/server-probe.ts";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ROOT = path.resolve(import.meta.dirname, "..");
const HOLD_SECONDS = 3600; // far longer than any run: no hold expires while measured
const ACK_TIMEOUT_MS = 10_000;
const TARGET_RATIO = 1.0;
const TARGET_P99_MS = 50;

const { values: flags } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "2" },
    rows: { type: "string", default: "20" },
    cols: { type: "string", default: "25" },
    "best-share": { type: "string", default: "0.5" },
    "hold-ms": { type: "string", default: "0" },
    join: { type: "boolean", default: false },
    only: { type: "string" },
    baseline: { type: "string", default: "both" },
    seed: { type: "string", default: "1" },
    against: { type: "string" },
    probe: { type: "boolean", default: false },
    "server-cpu-prof": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npx tsx bench/reserve.ts [options]   (needs a production build: npm run build)
  --clients N          socket clients, and concurrent loops in the baseline (1..1000, default 200)
  --duration S         measured seconds per window (1..120, default 10)
  --warmup S           unmeasured seconds before each window (0..30, default 2)
  --rounds N           product and baseline windows, alternating (1..10, default 2)
  --rows R --cols C    seat grid of the round (default 20 x 25 = 500 seats)
  --best-share F       share of holds asking for best available, else a random seat (0..1, default 0.5)
  --hold-ms MS         how long a client keeps a seat before releasing it (default 0: release at once)
  --join               clients also join the round and receive every seats:updated broadcast
  --only product|baseline   run one side only (no ratio)
  --baseline updateMany|raw|both   which per-request baseline(s) to run (default both)
  --seed N             seed of the clients' seat choices (default 1)
  --against DIR        instead of the Prisma baselines, the product of another checkout (with its own
                       node_modules and build, e.g. the commit before a change) as the second side;
                       the ratio printed is this tree's holds/s to that one's
  --probe              count the server's transactions, statements and event-loop use in the windows
  --server-cpu-prof DIR     write a V8 CPU profile of the server child into DIR
`);
  process.exit(0);
}

const bounded = (name: string, raw: string | undefined, min: number, max: number): number => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}, got ${raw}`);
  }
  return value;
};

const config = {
  clients: Math.floor(bounded("clients", flags.clients, 1, 1000)),
  durationMs: bounded("duration", flags.duration, 1, 120) * 1000,
  warmupMs: bounded("warmup", flags.warmup, 0, 30) * 1000,
  rounds: Math.floor(bounded("rounds", flags.rounds, 1, 10)),
  rows: Math.floor(bounded("rows", flags.rows, 1, 200)),
  cols: Math.floor(bounded("cols", flags.cols, 1, 200)),
  bestShare: bounded("best-share", flags["best-share"], 0, 1),
  holdMs: bounded("hold-ms", flags["hold-ms"], 0, 5000),
  join: flags.join ?? false,
  seed: Math.floor(bounded("seed", flags.seed, 0, 2 ** 31)),
  only: flags.only,
  baselines: (flags.baseline === "both" ? ["updateMany", "raw"] : [flags.baseline]) as BaselineKind[],
  against: flags.against === undefined ? undefined : path.resolve(flags.against),
  probe: flags.probe ?? false,
  serverCpuProf: flags["server-cpu-prof"],
};
if (config.only !== undefined && config.only !== "product" && config.only !== "baseline") {
  throw new Error(`--only must be product or baseline, got ${config.only}`);
}
if (!config.baselines.every((b) => b === "updateMany" || b === "raw")) {
  throw new Error(`--baseline must be updateMany, raw or both, got ${flags.baseline}`);
}

interface WindowReport {
  load: LoadResult;
  /** Share of one core used in the window, per process measured. */
  cpu: { label: string; process: number; mainThread: number }[];
  /** Share of the window in which some task on the machine waited for a CPU. */
  pressure: number | null;
  midRun: SeatCheck | null;
}

interface Side {
  label: string;
  /** One warm-up and one measured window. */
  measure(round: number): Promise<WindowReport>;
  /** Stops the load's clients (and server) and reads the round once more. */
  finish(): Promise<{ atEnd: SeatCheck; notes: string[] }>;
}

const out = (line = "") => process.stdout.write(`${line}\n`);
const perSecond = (n: number, ms: number) => (n * 1000) / ms;
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** Migrates a fresh database with a program, one OPEN round of rows x cols FREE seats, and applicants. */
async function prepareDatabase(url: string, applicants: number) {
  await migrateDatabase(url);
  const db = await createDb({ url });
  try {
    const now = Date.now();
    const program = await db.program.create({
      data: { slug: "bench-reserve", name: "bench/reserve", timeZone: "UTC" },
      select: { id: true },
    });
    const round = await createRound(db, {
      programId: program.id,
      title: "bench/reserve",
      rows: config.rows,
      cols: config.cols,
      opensAt: now - 60_000,
      deadline: now + 2 * HOLD_SECONDS * 1000,
      timeZone: "UTC",
      holdSeconds: HOLD_SECONDS,
      status: "OPEN",
    });
    const seats = await db.seat.findMany({
      where: { roundId: round.id },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    await db.applicant.createMany({ data: Array.from({ length: applicants }, (_, i) => ({ name: `bench-${i}` })) });
    const applicantIds = (await db.applicant.findMany({ select: { id: true }, orderBy: { name: "asc" } })).map(
      (a) => a.id,
    );
    return { roundId: round.id, seatIds: seats.map((s) => s.id), applicantIds };
  } finally {
    await db.$disconnect();
  }
}

/** One window of the hold/release load with CPU, pressure and a mid-window database check around it. */
async function measureWindow(
  driver: SeatDriver,
  seatIds: string[],
  round: number,
  watch: {
    pids: { label: string; pid: number }[];
    check: () => Promise<SeatCheck>;
    onStart?: () => void;
    onEnd?: () => void;
  },
): Promise<WindowReport> {
  let opened = performance.now();
  let cpuBefore = watch.pids.map((p) => readCpuTime(p.pid));
  let pressureBefore = readCpuPressureUs();
  const report: Omit<WindowReport, "load"> = { cpu: [], pressure: null, midRun: null };
  const load = await runHoldReleaseLoad(driver, {
    clients: config.clients,
    seatIds,
    bestShare: config.bestShare,
    holdMs: config.holdMs,
    warmupMs: config.warmupMs,
    durationMs: config.durationMs,
    drainTimeoutMs: ACK_TIMEOUT_MS * 2 + config.holdMs,
    seed: config.seed + round * 1_000_003,
    onWindowStart() {
      watch.onStart?.();
      opened = performance.now();
      cpuBefore = watch.pids.map((p) => readCpuTime(p.pid));
      pressureBefore = readCpuPressureUs();
    },
    async onMidWindow() {
      report.midRun = await watch.check();
    },
    onWindowEnd() {
      watch.onEnd?.();
      const wall = performance.now() - opened;
      watch.pids.forEach((p, i) => {
        const share = cpuShare(cpuBefore[i] ?? null, readCpuTime(p.pid), wall);
        if (share) report.cpu.push({ label: p.label, ...share });
      });
      const pressureAfter = readCpuPressureUs();
      if (pressureBefore !== null && pressureAfter !== null)
        report.pressure = (pressureAfter - pressureBefore) / 1000 / wall;
    },
  });
  return { load, ...report };
}

// ---- product: the real server over Socket.IO -------------------------------------------------

async function signIn(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
  });
  if (res.status !== 201) throw new Error(`POST /api/session answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("intake_session="));
  if (!cookie) throw new Error("POST /api/session set no intake_session cookie");
  return cookie;
}

function connect(baseUrl: string, cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    transports: ["websocket"],
    forceNew: true, // one connection per client, as separate browsers would have
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
    extraHeaders: { cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

/** Resolves with the acknowledgement `send` receives, or rejects when Socket.IO's ack timeout fires. */
function acked<T>(what: string, send: (done: (err: Error | null, response: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    send((err, response) =>
      err ? reject(new Error(`${what} not acknowledged within ${ACK_TIMEOUT_MS} ms`)) : resolve(response),
    ),
  );
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let from = 0; from < count; from += size) {
    const batch = Array.from({ length: Math.min(size, count - from) }, (_, k) => make(from + k));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/** The product's server started from `root` (this tree, or the `--against` checkout) and its clients. */
async function openProduct(
  dir: string,
  track: (server: ServerChild) => void,
  root = ROOT,
  label = "product: Socket.IO",
  name = "product",
): Promise<Side> {
  const file = path.join(dir, `${name}.db`);
  const url = `file:${file}`;
  const { roundId, seatIds } = await prepareDatabase(url, 0);
  const probeFile = path.join(dir, `${name}-probe.json`);
  const server = await startServerChild({
    root,
    databaseUrl: url,
    nodeArgs: config.serverCpuProf ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(config.serverCpuProf)}`] : [],
    // Each tree's own probe, so it patches the modules that tree's server loads.
    preload: config.probe ? [path.join(root, "bench", "support", "server-probe.ts")] : [],
    env: config.probe ? { BENCH_PROBE_FILE: probeFile } : {},
  });
  track(server);
  // Without the probe preloaded, SIGUSR2 would end the server.
  const markProbe = () => {
    if (config.probe) process.kill(server.pid, "SIGUSR2");
  };

  const cookies = await inBatches(config.clients, 20, (i) => signIn(server.baseUrl, `bench-${i}`));
  const sockets = await inBatches(config.clients, 50, (i) => connect(server.baseUrl, cookies[i] ?? ""));
  let broadcasts = 0;
  let broadcastsInWindows = 0;
  if (config.join) {
    await Promise.all(
      sockets.map(async (s) => {
        const joined = await acked<Ack<{ snapshot: RoundSnapshot }>>("round:join", (done) =>
          s.timeout(ACK_TIMEOUT_MS).emit("round:join", { roundId }, done),
        );
        if (!joined.ok) throw new Error(`round:join refused: ${joined.error.code}`);
        s.on("seats:updated", (event) => {
          broadcasts += event.seats.length;
        });
      }),
    );
  }
  // A second connection reads while the server writes (WAL gives it a consistent snapshot).
  const reader = await createDb({ url });

  const socketOf = (client: number) => sockets[client] as ClientSocket;
  const driver: SeatDriver = {
    async hold(client, seatId) {
      const payload = seatId === undefined ? { roundId } : { roundId, seatId };
      const ack = await acked<Ack<{ hold: HoldInfo }>>("seat:hold", (done) =>
        socketOf(client).timeout(ACK_TIMEOUT_MS).emit("seat:hold", payload, done),
      );
      return ack.ok ? { ok: true, seatId: ack.hold.seatId } : { ok: false, code: ack.error.code };
    },
    async release(client, seatId) {
      const ack = await acked<Ack>("seat:release", (done) =>
        socketOf(client).timeout(ACK_TIMEOUT_MS).emit("seat:release", { roundId, seatId }, done),
      );
      return ack.ok ? { ok: true } : { ok: false, code: ack.error.code };
    },
  };

  let windowsMs = 0;
  let commandsInWindows = 0;
  return {
    label,
    async measure(round) {
      let before = 0;
      const report = await measureWindow(driver, seatIds, round, {
        pids: [
          { label: "server", pid: server.pid },
          { label: "bench clients", pid: process.pid },
        ],
        check: () => checkSeats(reader, roundId),
        onStart() {
          markProbe();
          before = broadcasts;
        },
        onEnd() {
          markProbe();
          broadcastsInWindows += broadcasts - before;
        },
      });
      windowsMs += report.load.windowMs;
      commandsInWindows += report.load.attempts + report.load.releases;
      return report;
    },
    async finish() {
      try {
        for (const s of sockets) s.disconnect();
        await server.stop();
        const notes: string[] = [];
        if (config.join)
          notes.push(
            `seat changes received by all clients (in seats:updated batches): ${fixed(perSecond(broadcastsInWindows, windowsMs), 0)}/s`,
          );
        if (config.probe) notes.push(describeProbe(probeFile, commandsInWindows));
        return { atEnd: await checkSeats(reader, roundId), notes };
      } finally {
        await reader.$disconnect();
      }
    },
  };
}

/** The probe's counters, with the commands acknowledged in the same windows to give the batch size. */
function describeProbe(file: string, commands: number): string {
  if (!fs.existsSync(file)) return "probe: no report (the server did not exit cleanly?)";
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as ProbeReport;
  const per = Math.max(1, p.transactions);
  return [
    `probe: ${fixed(perSecond(p.transactions, p.windowMs), 0)} transactions/s`,
    `${fixed(commands / per, 0)} commands in each on average`,
    `${fixed(p.transactionMs / per, 2)} ms in each`,
    `${fixed(p.prepares / per, 1)} statements prepared per transaction at ${fixed((p.prepareMs * 1000) / Math.max(1, p.prepares), 0)} us each`,
    `event loop busy ${fixed(p.eventLoopUtilization * 100, 0)}%`,
  ].join(", ");
}

// ---- baseline: the same guarded update issued directly through Prisma ------------------------

type BaselineKind = "updateMany" | "raw";

/**
 * The per-request path: each hold and release is its own guarded autocommit
 * statement through Prisma. `updateMany` is the ORM's optimistic-concurrency
 * form; `raw` sends the same SQL as $executeRaw, the cheapest per-request path
 * through Prisma (no query building), so the product is held to the harder bar.
 */
async function openBaseline(dir: string, kind: BaselineKind): Promise<Side> {
  const file = path.join(dir, `baseline-${kind}.db`);
  const { roundId, seatIds, applicantIds } = await prepareDatabase(`file:${file}`, config.clients);

  // A plain client over the same adapter and pragmas as createDb, without its query serializer:
  // autocommit statements need no lock, and the baseline should be the fastest per-request path.
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 5000 }) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");

  const heldUntil = () => new Date(Date.now() + HOLD_SECONDS * 1000);
  const holdSeat = async (seatId: string, holderId: string): Promise<number> => {
    if (kind === "raw") {
      return db.$executeRaw`
        UPDATE "Seat" SET "status" = 'HELD', "holderId" = ${holderId}, "heldUntil" = ${heldUntil()},
          "version" = "version" + 1
        WHERE "id" = ${seatId} AND "roundId" = ${roundId} AND "status" = 'FREE'`;
    }
    const { count } = await db.seat.updateMany({
      where: { id: seatId, roundId, status: "FREE" },
      data: { status: "HELD", holderId, heldUntil: heldUntil(), version: { increment: 1 } },
    });
    return count;
  };
  const releaseSeat = async (seatId: string, holderId: string): Promise<number> => {
    if (kind === "raw") {
      return db.$executeRaw`
        UPDATE "Seat" SET "status" = 'FREE', "holderId" = NULL, "heldUntil" = NULL, "version" = "version" + 1
        WHERE "id" = ${seatId} AND "roundId" = ${roundId} AND "status" = 'HELD' AND "holderId" = ${holderId}`;
    }
    const { count } = await db.seat.updateMany({
      where: { id: seatId, roundId, status: "HELD", holderId },
      data: { status: "FREE", holderId: null, heldUntil: null, version: { increment: 1 } },
    });
    return count;
  };

  const driver: SeatDriver = {
    async hold(client, seatId) {
      const holderId = applicantIds[client] as string;
      if (seatId !== undefined) {
        return (await holdSeat(seatId, holderId)) === 1 ? { ok: true, seatId } : { ok: false, code: "SEAT_TAKEN" };
      }
      // Best available as one guarded statement (updateMany cannot express it): the lowest free seat,
      // claimed only if still FREE.
      const [row] = await db.$queryRaw<{ id: string }[]>`
        UPDATE "Seat" SET "status" = 'HELD', "holderId" = ${holderId}, "heldUntil" = ${heldUntil()},
          "version" = "version" + 1
        WHERE "id" = (SELECT "id" FROM "Seat" WHERE "roundId" = ${roundId} AND "status" = 'FREE'
                      ORDER BY "row", "col" LIMIT 1)
          AND "status" = 'FREE'
        RETURNING "id"`;
      return row ? { ok: true, seatId: row.id } : { ok: false, code: "NO_SEATS_LEFT" };
    },
    async release(client, seatId) {
      return (await releaseSeat(seatId, applicantIds[client] as string)) === 1
        ? { ok: true }
        : { ok: false, code: "NOT_HOLDER" };
    },
  };

  return {
    label: `baseline: Prisma ${kind === "raw" ? "$executeRaw" : "updateMany"}`,
    measure: (round) =>
      measureWindow(driver, seatIds, round, {
        pids: [{ label: "bench (Prisma)", pid: process.pid }],
        check: () => checkSeats(db, roundId),
      }),
    async finish() {
      try {
        return { atEnd: await checkSeats(db, roundId), notes: [] };
      } finally {
        await db.$disconnect();
      }
    },
  };
}

// ---- report ----------------------------------------------------------------------------------

interface SideResult {
  label: string;
  windows: WindowReport[];
  atEnd: SeatCheck;
  notes: string[];
}

/** Pools the windows of one side: counts add up, latencies are merged before taking percentiles. */
function pooled(windows: readonly WindowReport[]) {
  const latency = createLatencyRecorder();
  let holds = 0;
  let attempts = 0;
  let ms = 0;
  for (const w of windows) {
    latency.absorb(w.load.latency);
    holds += w.load.holds;
    attempts += w.load.attempts;
    ms += w.load.windowMs;
  }
  return { holdsPerS: perSecond(holds, ms), attemptsPerS: perSecond(attempts, ms), latency };
}

const columns = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(30) : c.padStart(i === 1 ? 9 : 11))).join("");

function windowRow(label: string, w: WindowReport): string {
  const l = w.load;
  const cpu = w.cpu.map((c) => fixed(c.process * 100, 0)).join("+");
  return columns([
    label,
    fixed(perSecond(l.holds, l.windowMs), 0),
    fixed(perSecond(l.attempts, l.windowMs), 0),
    fixed(l.latency.percentile(50), 1),
    fixed(l.latency.percentile(99), 1),
    fixed(l.latency.percentile(100), 1),
    `${cpu}%`,
    w.pressure === null ? "-" : `${fixed(w.pressure * 100, 0)}%`,
  ]);
}

function oversellOf(side: SideResult | undefined): number {
  if (!side) return 0;
  const db = (c: SeatCheck | null) => (c ? Math.max(0, c.maxSeatsPerApplicant - 1) + c.inconsistent : 0);
  const windows = side.windows.reduce((n, w) => n + w.load.oversell + db(w.midRun), 0);
  // Every client releases before it stops, so anything still taken at the end was lost track of.
  return windows + db(side.atEnd) + side.atEnd.taken;
}

function printDetails(side: SideResult): void {
  const count = (maps: Map<string, number>[]) => {
    const total = new Map<string, number>();
    for (const m of maps) for (const [k, v] of m) total.set(k, (total.get(k) ?? 0) + v);
    return [...total].map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  };
  const check = (c: SeatCheck | null) =>
    c
      ? `taken ${c.taken}, max seats per applicant ${c.maxSeatsPerApplicant}, inconsistent rows ${c.inconsistent}`
      : "-";
  const holds = side.windows.reduce((n, w) => n + w.load.holds, 0);
  const attempts = side.windows.reduce((n, w) => n + w.load.attempts, 0);
  const stuck = side.windows.reduce((n, w) => n + w.load.stuckClients, 0);
  out(`${side.label}:`);
  out(
    `  holds acknowledged in the windows: ${holds} of ${attempts}; refusals: ${count(side.windows.map((w) => w.load.refusals))}`,
  );
  out(
    `  errors: ${count(side.windows.map((w) => w.load.errors))}${stuck > 0 ? `; clients stuck past the drain bound: ${stuck}` : ""}`,
  );
  side.windows.forEach((w, i) => {
    const cpu = w.cpu.map(
      (c) => `${c.label} ${fixed(c.process * 100, 0)}% (main thread ${fixed(c.mainThread * 100, 0)}%)`,
    );
    out(`  window ${i + 1}: cpu ${cpu.join(", ") || "-"}; database mid-window: ${check(w.midRun)}`);
  });
  out(`  database at end: ${check(side.atEnd)}`);
  for (const note of side.notes) out(`  ${note}`);
  for (const w of side.windows) for (const example of w.load.oversellExamples) out(`  OVERSELL: ${example}`);
}

/** The checkout's commit, marked "+changes" when its work tree differs from it, for the labels. */
function commitOf(root: string): string {
  const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
  try {
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+changes" : ""}`;
  } catch {
    return path.basename(root);
  }
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-bench-reserve-"));
  const servers: ServerChild[] = [];
  const killServer = () => {
    for (const s of servers) s.kill();
  };
  const onSignal = () => {
    killServer();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", killServer);
  // The whole run is bounded even if something hangs.
  const limitMs = 2 * config.rounds * 2 * (config.warmupMs + config.durationMs) + 180_000;
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench/reserve: gave up after ${limitMs} ms\n`);
    onSignal();
  }, limitMs);
  watchdog.unref();

  const sides: Side[] = [];
  try {
    const cpus = os.cpus();
    out(`bench/reserve  ${new Date().toISOString()}`);
    out(`machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), node ${process.version}, ${os.platform()}`);
    out(`command: npx tsx bench/reserve.ts ${process.argv.slice(2).join(" ")}`.trimEnd());
    out(
      `load: ${config.clients} clients, ${config.rows * config.cols} seats (${config.rows}x${config.cols}), ` +
        `${fixed(config.bestShare * 100, 0)}% best available / ${fixed((1 - config.bestShare) * 100, 0)}% random seat, ` +
        `release ${config.holdMs > 0 ? `after ${config.holdMs} ms` : "at once"}${config.join ? ", clients watch the round" : ""}; ` +
        `${config.rounds} round(s) of ${config.warmupMs / 1000} s warm-up + ${config.durationMs / 1000} s window per side`,
    );

    const track = (s: ServerChild) => servers.push(s);
    if (config.only !== "baseline") sides.push(await openProduct(dir, track, ROOT, `product: ${commitOf(ROOT)}`));
    if (config.against !== undefined) {
      sides.push(await openProduct(dir, track, config.against, `against: ${commitOf(config.against)}`, "against"));
    } else if (config.only !== "product") {
      for (const kind of config.baselines) sides.push(await openBaseline(dir, kind));
    }

    const windows = sides.map(() => [] as WindowReport[]);
    for (let round = 0; round < config.rounds; round++) {
      // A B, then B A: whatever favours a round's first (or last) window falls on every side alike.
      // With one order only, two servers of the same tree measured 0.94 (docs/performance.md).
      const order = [...sides.entries()];
      if (round % 2 === 1) order.reverse();
      for (const [i, side] of order) windows[i]?.push(await side.measure(round));
    }
    const results: SideResult[] = [];
    for (const [i, side] of sides.entries()) {
      results.push({ label: side.label, windows: windows[i] ?? [], ...(await side.finish()) });
    }
    sides.length = 0;

    out();
    out(columns(["per window", "holds/s", "attempts/s", "p50 ms", "p99 ms", "max ms", "cpu", "pressure"]));
    for (let round = 0; round < config.rounds; round++) {
      for (const r of results) {
        const w = r.windows[round];
        if (w) out(windowRow(`${round + 1}. ${r.label}`, w));
      }
    }
    out();
    out(columns(["pooled", "holds/s", "attempts/s", "p50 ms", "p99 ms", "max ms"]));
    const pools = results.map((r) => ({ label: r.label, ...pooled(r.windows) }));
    for (const p of pools) {
      out(
        columns([
          p.label,
          fixed(p.holdsPerS, 0),
          fixed(p.attemptsPerS, 0),
          fixed(p.latency.percentile(50), 1),
          fixed(p.latency.percentile(99), 1),
          fixed(p.latency.percentile(100), 1),
        ]),
      );
    }
    const product = config.only === undefined ? pools[0] : undefined;
    const baselines = config.only === undefined ? pools.slice(1) : [];
    const perRoundHolds = (side: number, round: number) => {
      const load = results[side]?.windows[round]?.load;
      return load ? perSecond(load.holds, load.windowMs) : Number.NaN;
    };
    for (const [i, b] of baselines.entries()) {
      if (!product) break;
      out(
        columns([
          `ratio to ${b.label.replace(/^baseline: Prisma /, "")}`,
          fixed(product.holdsPerS / b.holdsPerS, 2),
          fixed(product.attemptsPerS / b.attemptsPerS, 2),
        ]),
      );
      const perRound = Array.from({ length: config.rounds }, (_, r) =>
        fixed(perRoundHolds(0, r) / perRoundHolds(i + 1, r), 2),
      );
      out(`${"".padEnd(4)}per round (holds/s): ${perRound.join(", ")}`);
    }
    // The target is met only against the faster per-request path.
    const strongest = baselines.reduce<(typeof pools)[number] | undefined>(
      (best, b) => (best && best.holdsPerS >= b.holdsPerS ? best : b),
      undefined,
    );
    const ratio =
      product && strongest && config.against === undefined ? product.holdsPerS / strongest.holdsPerS : Number.NaN;
    out();
    for (const r of results) printDetails(r);
    out();

    const oversell = results.reduce((n, r) => n + oversellOf(r), 0);
    const productPool = config.only === "baseline" ? undefined : pools[0];
    const p99 = productPool?.latency.percentile(99) ?? Number.NaN;
    const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
    out(`oversell: ${oversell}`);
    if (product && strongest && config.against === undefined) {
      out(
        `target throughput ratio >= ${fixed(TARGET_RATIO, 1)} (to the faster baseline, ${strongest.label}): ` +
          `${fixed(ratio, 2)}  ${verdict(ratio >= TARGET_RATIO)}`,
      );
    }
    if (productPool)
      out(`target product p99 <= ${TARGET_P99_MS} ms: ${fixed(p99, 1)} ms  ${verdict(p99 <= TARGET_P99_MS)}`);
    out(`target zero oversell: ${verdict(oversell === 0)}`);
    return oversell === 0 ? 0 : 1;
  } finally {
    for (const side of sides) await side.finish().catch(() => undefined);
    for (const s of servers) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
