/**
 * bench/flood: do the rate limits keep a flooding client from hurting
 * everyone else? N normal clients claim seats at a steady, human-ish rate
 * against the real server (a child process, production build, the production
 * default limits), and their acknowledgement latency is measured in windows
 * without and with one flooding client in the same run, alternating, with the
 * ratio of their p99s (target <= 2x). The flooder is one applicant from one
 * address firing seat:hold over several sockets as fast as the server answers,
 * from a process of its own; the bench counts how many of its commands were
 * refused. Everything runs on 127.0.0.1.
 *
 *   npm run build && npx tsx bench/flood.ts [--clients 100] [--interval 1000] [--duration 10] [--rounds 2] ...
 *
 * The server trusts one proxy (TRUST_PROXY=1) and every client sends its own
 * X-Forwarded-For, as browsers behind a load balancer would arrive: each
 * normal client has an address of its own, the flooder another (--shared-address
 * puts everyone on one address instead). See docs/performance.md.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/create-db.ts";
import { createRound } from "../lib/db/create-round.ts";
import type { Ack, HoldInfo } from "../lib/realtime/events.ts";
import { migrateDatabase } from "../server/migrate.ts";
import { boundedInteger } from "./support/args.ts";
import { cpuShare, readCpuPressureUs, readCpuTime } from "./support/cpu-time.ts";
import type { FloodCommand, FloodReport } from "./support/flood-client.ts";
import { createLatencyRecorder, type LatencyRecorder } from "./support/latency.ts";
import { type ServerChild, startServerChild } from "./support/server-child.ts";
import { acked, type ClientSocket, connect, inBatches, signIn } from "./support/socket-clients.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const FLOOD_SCRIPT = path.join(import.meta.dirname, "support", "flood-client.ts");
const ACK_TIMEOUT_MS = 10_000;
const HOLD_SECONDS = 3600;
const TARGET_RATIO = 2;
const FLOODER_ADDRESS = "10.66.0.1";

const { values: flags } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    interval: { type: "string", default: "1000" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "2" },
    "flood-sockets": { type: "string", default: "8" },
    "flood-in-flight": { type: "string", default: "16" },
    "shared-address": { type: "boolean", default: false },
    unlimited: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npx tsx bench/flood.ts [options]   (needs a production build: npm run build)
  --clients N           normal clients, each its own applicant and address (1..1000, default 100)
  --interval MS         a normal client sends one claim every MS ms, alternating hold and release (100..10000, default 1000)
  --duration S          measured seconds per window (1..120, default 10)
  --warmup S            unmeasured seconds before each window (0..30, default 2)
  --rounds N            quiet and flood windows, alternating (1..10, default 2)
  --flood-sockets N     the flooder's sockets, one applicant on all (1..64, default 8)
  --flood-in-flight N   commands each flooding socket keeps in flight (1..256, default 16)
  --shared-address      normal clients and the flooder share one address (a NAT), not one each
  --unlimited           also run the same windows against a server with every limit off
`);
  process.exit(0);
}

const bounded = boundedInteger;

const config = {
  clients: bounded("clients", flags.clients, 1, 1000),
  intervalMs: bounded("interval", flags.interval, 100, 10_000),
  durationMs: bounded("duration", flags.duration, 1, 120) * 1000,
  warmupMs: bounded("warmup", flags.warmup, 0, 30) * 1000,
  rounds: bounded("rounds", flags.rounds, 1, 10),
  floodSockets: bounded("flood-sockets", flags["flood-sockets"], 1, 64),
  floodInFlight: bounded("flood-in-flight", flags["flood-in-flight"], 1, 256),
  sharedAddress: flags["shared-address"] ?? false,
  unlimited: flags.unlimited ?? false,
};

const out = (line = "") => process.stdout.write(`${line}\n`);
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A distinct documentation-range-free private address per normal client: 10.1.x.y. */
const addressOf = (client: number) =>
  config.sharedAddress ? FLOODER_ADDRESS : `10.1.${Math.floor(client / 250)}.${(client % 250) + 1}`;

/** Migrates a fresh database with one OPEN round of enough FREE seats for every client. */
async function prepareDatabase(url: string): Promise<string> {
  await migrateDatabase(url);
  const db = await createDb({ url });
  try {
    const now = Date.now();
    const program = await db.program.create({
      data: { slug: "bench-flood", name: "bench/flood", timeZone: "UTC" },
      select: { id: true },
    });
    const cols = 25;
    const round = await createRound(db, {
      programId: program.id,
      title: "bench/flood",
      rows: Math.ceil((config.clients * 2 + 2) / cols),
      cols,
      opensAt: now - 60_000,
      deadline: now + 2 * HOLD_SECONDS * 1000,
      timeZone: "UTC",
      holdSeconds: HOLD_SECONDS,
      status: "OPEN",
    });
    return round.id;
  } finally {
    await db.$disconnect();
  }
}

interface Sample {
  at: number;
  ms: number;
  outcome: string;
}

/**
 * The normal clients: each sends one claim every interval (hold, then release
 * of what it holds), on a fixed schedule with its own phase, one at a time: a
 * late answer delays its next claim but never piles them up.
 */
function runNormalClients(sockets: ClientSocket[], roundId: string, samples: Sample[]) {
  let running = true;
  const loops = sockets.map(async (socket, i) => {
    let held: string | null = null;
    let next = performance.now() + (i / sockets.length) * config.intervalMs;
    while (running) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) break;
      next += config.intervalMs;
      const sent = performance.now();
      let outcome: string;
      try {
        if (held) {
          const seatId: string = held;
          const ack = await acked<Ack>("seat:release", (done) =>
            socket.timeout(ACK_TIMEOUT_MS).emit("seat:release", { roundId, seatId }, done),
          );
          outcome = ack.ok ? "ok" : ack.error.code;
          if (ack.ok || ack.error.code === "NOT_HOLDER") held = null;
        } else {
          const ack = await acked<Ack<{ hold: HoldInfo }>>("seat:hold", (done) =>
            socket.timeout(ACK_TIMEOUT_MS).emit("seat:hold", { roundId }, done),
          );
          outcome = ack.ok ? "ok" : ack.error.code;
          if (ack.ok) held = ack.hold.seatId;
        }
      } catch {
        outcome = "timeout";
      }
      const at = performance.now();
      samples.push({ at, ms: at - sent, outcome });
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

interface Flooder {
  request(m: FloodCommand): Promise<FloodReport>;
  close(): void;
}

function startFlooder(): Flooder {
  const child = fork(FLOOD_SCRIPT, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return {
    close: () => child.kill(),
    request: (m) =>
      new Promise((resolve, reject) => {
        child.once("message", (r: FloodReport) =>
          r.type === "error" ? reject(new Error(`flooder: ${r.message}`)) : resolve(r),
        );
        child.send(m);
      }),
  };
}

interface Window {
  kind: "quiet" | "flood";
  latency: LatencyRecorder;
  outcomes: Map<string, number>;
  commandsPerS: number;
  serverCpu: number | null;
  pressure: number | null;
  flood?: Extract<FloodReport, { type: "stopped" }>;
}

interface Side {
  label: string;
  server: ServerChild;
  windows: Window[];
}

/** Signs the clients in, connects them, and runs quiet and flood windows, alternating, against one server. */
async function runSide(label: string, dir: string, limits: "environment" | "off", track: (s: ServerChild) => void) {
  const url = `file:${path.join(dir, `${label.replace(/\W+/g, "-")}.db`)}`;
  const roundId = await prepareDatabase(url);
  const server = await startServerChild({
    root: ROOT,
    databaseUrl: url,
    // The flood measures the command limits; up to 1,064 sockets share an address with --shared-address
    // and 64 one applicant, past the connection caps, which bench/flood is not about.
    env: { TRUST_PROXY: "1", SEED_HISTORY_SIZE: "0", MAX_CONNECTIONS_IP: "off", MAX_CONNECTIONS_APPLICANT: "off" },
    rateLimits: limits,
  });
  track(server);
  const side: Side = { label, server, windows: [] };

  const headersOf = (address: string) => ({ "x-forwarded-for": address });
  const cookies = await inBatches(config.clients, 20, (i) =>
    signIn(server.baseUrl, `normal-${i}`, { headers: headersOf(addressOf(i)), timeoutMs: ACK_TIMEOUT_MS }),
  );
  const sockets = await inBatches(config.clients, 50, (i) =>
    connect(server.baseUrl, { cookie: cookies[i], headers: headersOf(addressOf(i)), timeoutMs: ACK_TIMEOUT_MS }),
  );
  const flooder = startFlooder();
  const floodCookie = await signIn(server.baseUrl, "flooder", {
    headers: headersOf(FLOODER_ADDRESS),
    timeoutMs: ACK_TIMEOUT_MS,
  });
  await flooder.request({
    type: "open",
    url: server.baseUrl,
    cookie: floodCookie,
    headers: headersOf(FLOODER_ADDRESS),
    roundId,
    sockets: config.floodSockets,
    inFlight: config.floodInFlight,
  });

  const samples: Sample[] = [];
  const stopClients = runNormalClients(sockets, roundId, samples);
  try {
    for (let round = 0; round < config.rounds; round++) {
      for (const kind of ["quiet", "flood"] as const) {
        if (kind === "flood") await flooder.request({ type: "start" });
        await sleep(config.warmupMs);
        const from = performance.now();
        const cpuBefore = readCpuTime(server.pid);
        const pressureBefore = readCpuPressureUs();
        await sleep(config.durationMs);
        const to = performance.now();
        const cpu = cpuShare(cpuBefore, readCpuTime(server.pid), to - from);
        const pressureAfter = readCpuPressureUs();
        const flood = kind === "flood" ? await flooder.request({ type: "stop" }) : undefined;
        const inWindow = samples.filter((s) => s.at >= from && s.at < to);
        const latency = createLatencyRecorder();
        const outcomes = new Map<string, number>();
        for (const s of inWindow) {
          latency.add(s.ms);
          outcomes.set(s.outcome, (outcomes.get(s.outcome) ?? 0) + 1);
        }
        side.windows.push({
          kind,
          latency,
          outcomes,
          commandsPerS: (inWindow.length * 1000) / (to - from),
          serverCpu: cpu?.process ?? null,
          pressure:
            pressureBefore !== null && pressureAfter !== null
              ? (pressureAfter - pressureBefore) / 1000 / (to - from)
              : null,
          flood: flood?.type === "stopped" ? flood : undefined,
        });
      }
    }
  } finally {
    await stopClients();
    for (const s of sockets) s.disconnect();
    flooder.close();
    await server.stop();
  }
  return side;
}

// ---- report ----------------------------------------------------------------------------------

const columns = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(11))).join("");
const countsOf = (map: Map<string, number> | Record<string, number>) =>
  [...(map instanceof Map ? map : Object.entries(map))]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";

function pooled(windows: Window[]) {
  const latency = createLatencyRecorder();
  const outcomes = new Map<string, number>();
  for (const w of windows) {
    latency.absorb(w.latency);
    for (const [k, v] of w.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + v);
  }
  return { latency, outcomes };
}

function report(side: Side): { ratio: number; normalRefused: number; floodRefusedShare: number } {
  out();
  out(`${side.label}`);
  out(columns(["window", "claims/s", "p50 ms", "p99 ms", "max ms", "server cpu", "pressure", "flood/s", "refused"]));
  side.windows.forEach((w, i) => {
    const f = w.flood;
    const answered = f ? Object.values(f.answers).reduce((n, v) => n + v, 0) : 0;
    out(
      columns([
        `${Math.floor(i / 2) + 1}. ${w.kind}`,
        fixed(w.commandsPerS, 0),
        fixed(w.latency.percentile(50), 1),
        fixed(w.latency.percentile(99), 1),
        fixed(w.latency.percentile(100), 1),
        w.serverCpu === null ? "-" : `${fixed(w.serverCpu * 100, 0)}%`,
        w.pressure === null ? "-" : `${fixed(w.pressure * 100, 0)}%`,
        f ? fixed((answered * 1000) / f.ms, 0) : "",
        f ? `${fixed(((f.answers.RATE_LIMITED ?? 0) / Math.max(1, answered)) * 100, 1)}%` : "",
      ]),
    );
  });
  const quiet = pooled(side.windows.filter((w) => w.kind === "quiet"));
  const flood = pooled(side.windows.filter((w) => w.kind === "flood"));
  out(columns(["pooled", "", "p50 ms", "p99 ms", "max ms"]));
  for (const [label, p] of [
    ["quiet", quiet],
    ["flood", flood],
  ] as const) {
    out(
      columns([
        label,
        "",
        fixed(p.latency.percentile(50), 1),
        fixed(p.latency.percentile(99), 1),
        fixed(p.latency.percentile(100), 1),
      ]),
    );
  }
  const ratio = flood.latency.percentile(99) / quiet.latency.percentile(99);
  out(
    `ratio flood / quiet: p50 ${fixed(flood.latency.percentile(50) / quiet.latency.percentile(50), 2)}, p99 ${fixed(ratio, 2)}`,
  );
  out(`normal clients' answers, quiet: ${countsOf(quiet.outcomes)}`);
  out(`normal clients' answers, flood: ${countsOf(flood.outcomes)}`);
  const floodAnswers: Record<string, number> = {};
  let floodMs = 0;
  let floodSent = 0;
  let timeouts = 0;
  for (const w of side.windows) {
    if (!w.flood) continue;
    floodMs += w.flood.ms;
    floodSent += w.flood.sent;
    timeouts += w.flood.timeouts;
    for (const [k, v] of Object.entries(w.flood.answers)) floodAnswers[k] = (floodAnswers[k] ?? 0) + v;
  }
  const answered = Object.values(floodAnswers).reduce((n, v) => n + v, 0);
  out(
    `flooder: ${floodSent} sent, ${answered} answered (${fixed((answered * 1000) / floodMs, 0)}/s), ${timeouts} timed out; answers: ${countsOf(floodAnswers)}`,
  );
  const normalRefused = [...side.windows].reduce((n, w) => n + (w.outcomes.get("RATE_LIMITED") ?? 0), 0);
  return { ratio, normalRefused, floodRefusedShare: (floodAnswers.RATE_LIMITED ?? 0) / Math.max(1, answered) };
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-bench-flood-"));
  const servers: ServerChild[] = [];
  const killAll = () => {
    for (const s of servers) s.kill();
  };
  const onSignal = () => {
    killAll();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", killAll);
  const sides = config.unlimited ? 2 : 1;
  const limitMs = sides * config.rounds * 2 * (config.warmupMs + config.durationMs) + sides * 120_000;
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench/flood: gave up after ${limitMs} ms\n`);
    onSignal();
  }, limitMs);
  watchdog.unref();

  try {
    const cpus = os.cpus();
    out(`bench/flood  ${new Date().toISOString()}`);
    out(`machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), node ${process.version}, ${os.platform()}`);
    out(`command: npx tsx bench/flood.ts ${process.argv.slice(2).join(" ")}`.trimEnd());
    out(
      `load: ${config.clients} normal clients, one claim each every ${config.intervalMs} ms (hold, release, ...); ` +
        `flooder: 1 applicant, ${config.floodSockets} sockets x ${config.floodInFlight} seat:hold in flight; ` +
        `${config.sharedAddress ? "everyone on one address" : "an address per client"}; ` +
        `${config.rounds} round(s) of quiet and flood windows (${config.warmupMs / 1000} s warm-up + ${config.durationMs / 1000} s each)`,
    );
    const limited = await runSide("limits: production defaults", dir, "environment", (s) => servers.push(s));
    const result = report(limited);
    if (config.unlimited) report(await runSide("limits: off", dir, "off", (s) => servers.push(s)));

    out();
    const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
    out(`normal clients refused RATE_LIMITED: ${result.normalRefused}  ${verdict(result.normalRefused === 0)}`);
    out(`flooder's commands refused RATE_LIMITED: ${fixed(result.floodRefusedShare * 100, 1)}%`);
    out(
      `target normal p99 with the flood <= ${TARGET_RATIO}x without: ${fixed(result.ratio, 2)}x  ${verdict(result.ratio <= TARGET_RATIO)}`,
    );
    return result.normalRefused === 0 ? 0 : 1;
  } finally {
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
