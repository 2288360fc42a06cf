/**
 * bench/fanout: latency from a seat change's commit to its arrival at each of
 * N read-only watchers, for the product (Socket.IO `seats:updated` and the SSE
 * stream) beside a raw Socket.IO broadcast and a raw SSE broadcast of the same
 * payload, measured in the same run, and their ratios.
 *
 *   npx tsx bench/fanout.ts [--socketio 1000,5000] [--sse 1000] [--changes 200] [--interval 20]
 *
 * The same change schedule drives every side: one seat change every
 * `--interval` ms, and a late timer catches up on what fell due (so the
 * offered load stays the same when the server is busy). The product turns
 * each change into a real command through its reservation engine; the raw
 * servers broadcast one event per change, as a plain server would. Latency
 * starts at the product's commit (the engine's hook) and, for the raw
 * servers, just before the broadcast. Watchers run in child processes on the
 * same machine and stamp arrivals with the shared clock. See
 * docs/performance.md.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Server } from "socket.io";
import { createApplicant } from "../lib/db/create-applicant.ts";
import { createDb } from "../lib/db/create-db.ts";
import { createRound } from "../lib/db/create-round.ts";
import type { SeatsUpdated } from "../lib/realtime/events.ts";
import { type App, createApp } from "../server/create-app.ts";
import { createLogger } from "../server/log.ts";
import { migrateDatabase } from "../server/migrate.ts";
import { boundedInteger } from "./support/args.ts";
import type { ParentMessage, WatcherMessage, WatcherTransport } from "./support/fanout-watchers.ts";
import { createLatencyRecorder, type LatencyRecorder } from "./support/latency.ts";

const HOST = "127.0.0.1";
const WATCHER_SCRIPT = path.join(import.meta.dirname, "support", "fanout-watchers.ts");
const TARGETS = { socketio1k: 1.1, socketio5k: 1.0, sse: 1.2 };

const { values: flags } = parseArgs({
  options: {
    socketio: { type: "string", default: "1000,5000" },
    sse: { type: "string", default: "1000" },
    changes: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    interval: { type: "string", default: "20" },
    "per-child": { type: "string", default: "2500" },
    rounds: { type: "string", default: "2" },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npx tsx bench/fanout.ts [options]
  --socketio N,N    Socket.IO watcher counts (default 1000,5000; each 1..10000)
  --sse N,N         SSE watcher counts (default 1000)
  --changes K       measured seat changes per side (10..2000, default 200)
  --warmup K        unmeasured changes first (0..500, default 20)
  --interval MS     one change every MS milliseconds (1..1000, default 20)
  --per-child N     watchers per child process (100..5000, default 2500)
  --rounds N        windows per side and watcher count, alternating (1..10, default 2)
`);
  process.exit(0);
}

const bounded = boundedInteger;
const counts = (name: string, raw: string | undefined): number[] =>
  (raw ?? "")
    .split(",")
    .filter((s) => s.trim() !== "")
    .map((s) => bounded(name, s, 1, 10_000));

const config = {
  socketio: counts("socketio", flags.socketio),
  sse: counts("sse", flags.sse),
  changes: bounded("changes", flags.changes, 10, 2000),
  warmup: bounded("warmup", flags.warmup, 0, 500),
  intervalMs: bounded("interval", flags.interval, 1, 1000),
  perChild: bounded("per-child", flags["per-child"], 100, 5000),
  rounds: bounded("rounds", flags.rounds, 1, 10),
};

const now = () => performance.timeOrigin + performance.now();

/** What one side needs: where watchers connect, and how to make the i-th change. */
interface Side {
  label: string;
  transport: WatcherTransport;
  url: string;
  roundId?: string;
  /** Makes change i; commit (or broadcast) times reach `commits` keyed by event seq. */
  change(i: number): void;
  /** The seq of the last event once every change so far has gone out. */
  settled(): Promise<number>;
  close(): Promise<void>;
}

/** Two windows of one side as one: latencies pooled, counts summed. */
function pool(into: SideResult | undefined, next: SideResult): SideResult {
  if (!into) return next;
  into.latency.absorb(next.latency);
  into.events += next.events;
  into.changes += next.changes;
  into.missing += next.missing;
  return into;
}

interface SideResult {
  label: string;
  watchers: number;
  latency: LatencyRecorder;
  events: number;
  changes: number;
  missing: number;
}

const commits = new Map<number, number>();

// ---------------------------------------------------------------- the product

interface Product {
  app: App;
  url: string;
  roundId: string;
  applicants: string[];
  /**
   * Applicant i % 100 holds a seat, and releases it the next time its turn
   * comes: one seat change per step. Shared by every product side, so a later
   * side continues where the one before stopped.
   */
  held: Map<string, Promise<string | null>>;
}

async function startProduct(): Promise<Product> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-fanout-"));
  const databaseUrl = `file:${path.join(dir, "intake.db")}`;
  await migrateDatabase(databaseUrl);
  const setupDb = await createDb({ url: databaseUrl });
  const program = await setupDb.program.create({ data: { slug: "fanout", name: "Fan-out bench" } });
  const t0 = Date.now();
  const round = await createRound(setupDb, {
    programId: program.id,
    title: "Fan-out",
    rows: 10,
    cols: 20,
    opensAt: t0 - 60_000,
    deadline: t0 + 6 * 3_600_000,
    timeZone: "UTC",
    holdSeconds: 3600,
    status: "OPEN",
  });
  const applicants: string[] = [];
  for (let i = 0; i < 100; i++) applicants.push((await createApplicant(setupDb, { name: `A${i}`, now: t0 })).id);
  await setupDb.$disconnect();

  const app = await createApp({
    databaseUrl,
    sessionSecret: "bench-secret-bench-secret-bench-secret-0123",
    next: false,
    sweepIntervalMs: 0,
    log: createLogger("silent"),
    observe: {
      seatsBroadcast(event, { committedAt }) {
        commits.set(event.seq, performance.timeOrigin + committedAt);
      },
    },
  });
  const url = await app.listen(0, HOST);
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return { app, url, roundId: round.id, applicants, held: new Map() };
}

function productSide(product: Product, transport: WatcherTransport): Side {
  const { app, roundId, applicants, held } = product;
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    label: transport === "socketio" ? "product Socket.IO" : "product SSE",
    transport,
    url: transport === "socketio" ? product.url : `${product.url}/api/rounds/${roundId}/events`,
    roundId: transport === "socketio" ? roundId : undefined,
    change(i) {
      const applicantId = applicants[i % applicants.length] as string;
      const seat = held.get(applicantId);
      if (seat) {
        held.delete(applicantId);
        inFlight = seat.then((seatId) =>
          seatId ? app.engine.submit(roundId, { kind: "release", applicantId, seatId }) : undefined,
        );
      } else {
        const hold = app.engine
          .submit(roundId, { kind: "hold", applicantId })
          .then((o) => (o.ok && "seat" in o ? o.seat.id : null));
        held.set(applicantId, hold);
        inFlight = hold;
      }
    },
    async settled() {
      await inFlight;
      await app.engine.idle();
      return Math.max(...commits.keys());
    },
    close: async () => {},
  };
}

// ---------------------------------------------------------- the raw baselines

/** The product's event for one change, byte for byte the same shape and size. */
function payloadOf(seq: number, seatIds: string[]): SeatsUpdated {
  const seatId = seatIds[seq % seatIds.length] as string;
  return { roundId: "cmwrn86ot00010w7d4qv7ookl", seq, seats: [{ seatId, status: "HELD", heldUntil: 1795340279247 }] };
}

async function rawSocketIoSide(seatIds: string[]): Promise<Side> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  io.on("connection", (socket) => socket.join("round"));
  const url = await listen(httpServer);
  let seq = 0;
  return {
    label: "raw Socket.IO",
    transport: "socketio",
    url,
    change() {
      seq++;
      commits.set(seq, now());
      io.to("round").emit("seats:updated", payloadOf(seq, seatIds));
    },
    settled: async () => seq,
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}

async function rawSseSide(seatIds: string[]): Promise<Side> {
  const streams = new Set<http.ServerResponse>();
  const httpServer = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    req.socket.setNoDelay(true);
    res.write("retry: 2000\n\n");
    streams.add(res);
    res.once("close", () => streams.delete(res));
  });
  const url = await listen(httpServer);
  let seq = 0;
  return {
    label: "raw SSE",
    transport: "sse",
    url: `${url}/events`,
    change() {
      seq++;
      commits.set(seq, now());
      const frame = `event: seats\nid: ${seq}\ndata: ${JSON.stringify(payloadOf(seq, seatIds))}\n\n`;
      for (const res of streams) res.write(frame);
    },
    settled: async () => seq,
    close: () =>
      new Promise((resolve) => {
        for (const res of streams) res.end();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, HOST, () => resolve(`http://${HOST}:${(server.address() as AddressInfo).port}`)),
  );
}

// ------------------------------------------------------------------ watchers

interface Child {
  process: ChildProcess;
  request<T extends WatcherMessage["type"]>(m: ParentMessage, reply: T): Promise<Extract<WatcherMessage, { type: T }>>;
}

function startChild(): Child {
  const child = fork(WATCHER_SCRIPT, [], {
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return {
    process: child,
    request(m, reply) {
      return new Promise((resolve, reject) => {
        const onMessage = (r: WatcherMessage) => {
          if (r.type === "error") {
            child.off("message", onMessage);
            reject(new Error(r.message));
          } else if (r.type === reply) {
            child.off("message", onMessage);
            resolve(r as Extract<WatcherMessage, { type: typeof reply }>);
          }
        };
        child.on("message", onMessage);
        child.send(m);
      });
    },
  };
}

// ------------------------------------------------------------------ one side

/** Makes `count` changes on the shared schedule: change i is due at start + i * interval. */
function runSchedule(side: Side, from: number, count: number): Promise<void> {
  const start = now();
  let issued = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(count, Math.floor((now() - start) / config.intervalMs) + 1);
      while (issued < due) side.change(from + issued++);
      if (issued >= count) resolve();
      else setTimeout(tick, Math.max(0, start + issued * config.intervalMs - now()));
    };
    tick();
  });
}

async function measure(side: Side, watchers: number): Promise<SideResult> {
  const children: Child[] = [];
  for (let left = watchers; left > 0; left -= config.perChild) children.push(startChild());
  try {
    await Promise.all(
      children.map((c, i) =>
        c.request(
          {
            type: "open",
            transport: side.transport,
            url: side.url,
            roundId: side.roundId,
            count: Math.min(config.perChild, watchers - i * config.perChild),
          },
          "opened",
        ),
      ),
    );
    const settle = async () => {
      const seq = await side.settled();
      const reached = await Promise.all(
        children.map((c) => c.request({ type: "await", seq, timeoutMs: 60_000 }, "reached")),
      );
      return reached.reduce((n, r) => n + r.missing, 0);
    };
    if (config.warmup > 0) {
      await runSchedule(side, 0, config.warmup);
      await settle();
    }
    await Promise.all(children.map((c) => c.request({ type: "collect" }, "receipts")));
    commits.clear();
    await runSchedule(side, config.warmup, config.changes);
    const missing = await settle();
    const latency = createLatencyRecorder();
    let events = 0;
    let changes = 0;
    for (const c of children) {
      const r = await c.request({ type: "collect" }, "receipts");
      r.seqs.forEach((seq, i) => {
        const committed = commits.get(seq);
        const times = r.times[i];
        const weight = r.changes[i] ?? 1;
        if (committed === undefined || !times) return;
        if (c === children[0]) {
          events++;
          changes += weight;
        }
        // Every change in an event waited as long as the event: count it once per change.
        for (const t of times) for (let w = 0; w < weight; w++) latency.add(t - committed);
      });
    }
    return { label: side.label, watchers, latency, events, changes, missing };
  } finally {
    for (const c of children) {
      c.process.send({ type: "close" } satisfies ParentMessage);
      c.process.kill();
    }
    await side.close();
  }
}

// ---------------------------------------------------------------------- main

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

function printPair(product: SideResult, raw: SideResult, target: number): boolean {
  const rows = [product, raw].map(
    (r) =>
      `| ${r.label.padEnd(17)} | ${String(r.watchers).padStart(6)} | ${fixed(r.latency.percentile(50)).padStart(6)} | ${fixed(r.latency.percentile(95)).padStart(6)} | ${fixed(r.latency.percentile(99)).padStart(6)} | ${String(r.events).padStart(6)} | ${String(r.changes).padStart(7)} | ${String(r.missing).padStart(7)} |`,
  );
  const ratio = product.latency.percentile(99) / raw.latency.percentile(99);
  process.stdout.write(
    `| side              | watchers | p50 ms | p95 ms | p99 ms | events | changes | missing |\n|---|---|---|---|---|---|---|---|\n${rows.join("\n")}\n`,
  );
  const p50 = product.latency.percentile(50) / raw.latency.percentile(50);
  const met = ratio <= target;
  process.stdout.write(
    `ratio product/raw: p50 ${fixed(p50, 2)}x, p99 ${fixed(ratio, 2)}x (target <= ${target}x: ${met ? "met" : "NOT met"})\n\n`,
  );
  return met;
}

async function main(): Promise<void> {
  process.stdout.write(
    `bench/fanout: ${config.changes} changes (+${config.warmup} warm-up) per window, one every ${config.intervalMs} ms, ${config.rounds} windows per side; ${os.cpus().length} CPUs, Node ${process.version}\n\n`,
  );
  const product = await startProduct();
  const seatIds = (
    await product.app.db.seat.findMany({ where: { roundId: product.roundId }, select: { id: true } })
  ).map((s) => s.id);
  let allMet = true;
  try {
    // Windows alternate (product, raw, raw, product, ...) so drift on a shared machine falls on both sides.
    const pair = async (transport: WatcherTransport, n: number): Promise<[SideResult, SideResult]> => {
      const rawSide = () => (transport === "socketio" ? rawSocketIoSide(seatIds) : rawSseSide(seatIds));
      let p: SideResult | undefined;
      let r: SideResult | undefined;
      for (let round = 0; round < config.rounds; round++) {
        const order = round % 2 === 0 ? ["product", "raw"] : ["raw", "product"];
        for (const side of order) {
          if (side === "product") p = pool(p, await measure(productSide(product, transport), n));
          else r = pool(r, await measure(await rawSide(), n));
        }
      }
      return [p as SideResult, r as SideResult];
    };
    for (const n of config.socketio) {
      const [p, r] = await pair("socketio", n);
      allMet = printPair(p, r, n >= 5000 ? TARGETS.socketio5k : TARGETS.socketio1k) && allMet;
    }
    for (const n of config.sse) {
      const [p, r] = await pair("sse", n);
      allMet = printPair(p, r, TARGETS.sse) && allMet;
    }
  } finally {
    await product.app.close();
  }
  process.stdout.write(allMet ? "all targets met\n" : "some targets NOT met\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
