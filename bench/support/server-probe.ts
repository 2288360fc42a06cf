/**
 * Preloaded into the server child with `--import` when bench/reserve runs with
 * --probe: counts what the reservation engine costs without touching lib/ or
 * server/. SIGUSR2 marks each window's start and end; the counters inside the
 * windows are summed and written as JSON to BENCH_PROBE_FILE when the process exits.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { type EventLoopUtilization, performance } from "node:perf_hooks";

export interface ProbeReport {
  windowMs: number;
  transactions: number;
  /** Wall time from BEGIN to COMMIT or ROLLBACK (the connection is held throughout). */
  transactionMs: number;
  /** Statements better-sqlite3 prepared (the adapter prepares every query afresh). */
  prepares: number;
  prepareMs: number;
  /** Share of the window the event loop was busy. */
  eventLoopUtilization: number;
}

const counters = { transactions: 0, transactionMs: 0, prepares: 0, prepareMs: 0 };

type AnyFn = (...args: unknown[]) => unknown;

// Counted where every transaction passes, whoever opens it (the engine's driverTransaction or Prisma's
// $transaction): better-sqlite3 prepares BEGIN, then COMMIT or ROLLBACK, on the one connection.
let begunAt: number | undefined;
const require = createRequire(import.meta.url);
const database = (require("better-sqlite3") as { prototype: { prepare: AnyFn } }).prototype;
const prepare = database.prepare;
database.prepare = function (this: unknown, ...args: unknown[]) {
  const started = performance.now();
  try {
    return prepare.apply(this, args);
  } finally {
    const ended = performance.now();
    counters.prepares++;
    counters.prepareMs += ended - started;
    const sql = typeof args[0] === "string" ? args[0].trimStart().slice(0, 8).toUpperCase() : "";
    if (sql.startsWith("BEGIN")) begunAt = started;
    else if ((sql.startsWith("COMMIT") || sql.startsWith("ROLLBACK")) && begunAt !== undefined) {
      counters.transactions++;
      counters.transactionMs += ended - begunAt;
      begunAt = undefined;
    }
  }
};

// Each SIGUSR2 opens or closes a window; the report sums every closed window.
let open: { at: number; counters: typeof counters; elu: EventLoopUtilization } | undefined;
const report: ProbeReport = {
  windowMs: 0,
  transactions: 0,
  transactionMs: 0,
  prepares: 0,
  prepareMs: 0,
  eventLoopUtilization: 0,
};
let busyMs = 0;
process.on("SIGUSR2", () => {
  const now = { at: performance.now(), counters: { ...counters }, elu: performance.eventLoopUtilization() };
  if (!open) {
    open = now;
    return;
  }
  const windowMs = now.at - open.at;
  report.windowMs += windowMs;
  report.transactions += now.counters.transactions - open.counters.transactions;
  report.transactionMs += now.counters.transactionMs - open.counters.transactionMs;
  report.prepares += now.counters.prepares - open.counters.prepares;
  report.prepareMs += now.counters.prepareMs - open.counters.prepareMs;
  busyMs += performance.eventLoopUtilization(now.elu, open.elu).utilization * windowMs;
  report.eventLoopUtilization = busyMs / report.windowMs;
  open = undefined;
});
process.on("exit", () => {
  const file = process.env.BENCH_PROBE_FILE;
  if (file && report.windowMs > 0) fs.writeFileSync(file, JSON.stringify(report));
});
