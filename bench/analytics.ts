/**
 * bench/analytics: the heatmap API (day × program over three years) on a
 * database of N generated applications, beside a raw SQL GROUP BY over the
 * same rows (better-sqlite3, no Prisma, no HTTP) in the same run, and their
 * ratio. Runs alternate (raw, API in each program's zone, API in one zone, ...) so drift on a
 * shared machine falls on every side.
 *
 *   npm run build && npx tsx bench/analytics.ts [--size 1000000] [--reps 15]
 *
 * The API figure is a whole request as a browser makes it: the admin session
 * check, the rollup query, bucketing in the zone, z-scores and the JSON body.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb } from "../lib/db/create-db.ts";
import { seedHistory } from "../lib/db/seed-history.ts";
import type { HeatmapData } from "../lib/domain/heatmap-data.ts";
import { HISTORY_MAX_SIZE } from "../lib/domain/history-generator.ts";
import { createApp } from "../server/create-app.ts";
import { createLogger } from "../server/log.ts";
import { migrateDatabase } from "../server/migrate.ts";
import { createLatencyRecorder, type LatencyRecorder } from "./support/latency.ts";

const NOW = Date.UTC(2026, 10, 22, 12);
const PASSWORD = "bench-admin-password-0123456789";
const TARGET = 1.3;
const STRETCH = 0.1;

const { values: flags } = parseArgs({
  options: {
    size: { type: "string", default: "1000000" },
    reps: { type: "string", default: "15" },
    help: { type: "boolean", default: false },
  },
});
if (flags.help) {
  process.stdout.write("Usage: npm run build && npx tsx bench/analytics.ts [--size 1..1000000] [--reps 3..100]\n");
  process.exit(0);
}
const size = Number(flags.size);
const reps = Number(flags.reps);
if (!Number.isInteger(size) || size < 1 || size > HISTORY_MAX_SIZE)
  throw new Error(`--size must be 1..${HISTORY_MAX_SIZE}`);
if (!Number.isInteger(reps) || reps < 3 || reps > 100) throw new Error("--reps must be 3..100");
if (!fs.existsSync(path.join(import.meta.dirname, "..", ".next", "BUILD_ID"))) {
  throw new Error("No production build in .next/: run `npm run build` first.");
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-analytics-bench-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "intake.db");
const databaseUrl = `file:${file}`;

async function main(): Promise<void> {
  await migrateDatabase(databaseUrl);
  const setup = await createDb({ url: databaseUrl });
  const seededAt = performance.now();
  const seeded = await seedHistory(setup, { now: NOW, size, seed: 1 });
  const seedMs = performance.now() - seededAt;
  await setup.$disconnect();

  const app = await createApp({
    databaseUrl,
    sessionSecret: "bench-secret-bench-secret-bench-secret-0123",
    next: { dev: false },
    sweepIntervalMs: 0,
    adminPassword: PASSWORD,
    log: createLogger("silent"),
  });
  const url = await app.listen(0, "127.0.0.1");
  const signIn = await fetch(`${url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
  if (signIn.status !== 200 || !cookie) throw new Error(`admin sign-in failed: ${signIn.status}`);

  // The whole history: three years back from NOW, every program, one column per day.
  const from = "2023-11-20";
  const to = "2026-11-22";
  const raw = new Database(file, { readonly: true });
  const grouped = raw.prepare(`
    SELECT "programId", date("submittedAt") AS "day", count(*) AS "applications",
      sum("outcome" = 'ADMITTED') AS "admitted", sum("outcome" IN ('ADMITTED', 'REJECTED')) AS "decided"
    FROM "Application" WHERE "submittedAt" >= ? AND "submittedAt" < ?
    GROUP BY "programId", "day"`);
  const rawFrom = new Date(`${from}T00:00:00Z`).toISOString().replace("Z", "+00:00");
  const rawTo = new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000).toISOString().replace("Z", "+00:00");

  const sides: { label: string; run(): Promise<number>; latency: LatencyRecorder }[] = [
    {
      label: "raw SQL GROUP BY (better-sqlite3)",
      latency: createLatencyRecorder(),
      run: async () => {
        const rows = grouped.all(rawFrom, rawTo) as { applications: number }[];
        return rows.reduce((n, r) => n + r.applications, 0);
      },
    },
    ...[
      ["API, default zones (each program's own: daily rollup)", ""],
      ["API, tz=Europe/Berlin for all (hourly rollup)", "&tz=Europe/Berlin"],
    ].map(([label, extra]) => ({
      label: label as string,
      latency: createLatencyRecorder(),
      run: async () => {
        const res = await fetch(`${url}/api/analytics/heatmap?granularity=day&from=${from}&to=${to}${extra}`, {
          headers: { cookie },
        });
        if (res.status !== 200) throw new Error(`heatmap answered ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { heatmap: HeatmapData; source: string };
        return body.heatmap.cells.reduce((n, c) => n + c.applications, 0);
      },
    })),
  ];

  const totals = new Map<string, number>();
  for (let rep = -2; rep < reps; rep++) {
    for (const side of sides) {
      const started = performance.now();
      const total = await side.run();
      const ms = performance.now() - started;
      if (rep >= 0) side.latency.add(ms); // the first two rounds warm caches and the JIT
      totals.set(side.label, total);
    }
  }
  await app.close();
  raw.close();

  const fixed = (n: number, d = 1) => n.toFixed(d);
  process.stdout.write(
    `bench/analytics: ${seeded.applications.toLocaleString("en")} applications (${seeded.programs} programs, 3 years) seeded in ${fixed(seedMs / 1000, 1)} s; ` +
      `${reps} runs per side, day × program from ${from} to ${to}; ${os.cpus().length} CPUs, Node ${process.version}\n\n` +
      "| side | median ms | p95 ms | applications counted | ratio to raw (median) |\n|---|---|---|---|---|\n",
  );
  const rawMedian = sides[0]?.latency.percentile(50) ?? Number.NaN;
  for (const side of sides) {
    const median = side.latency.percentile(50);
    process.stdout.write(
      `| ${side.label} | ${fixed(median)} | ${fixed(side.latency.percentile(95))} | ${totals.get(side.label)?.toLocaleString("en")} | ${fixed(median / rawMedian, 3)}x |\n`,
    );
  }
  const ratios = sides.slice(1).map((s) => s.latency.percentile(50) / rawMedian);
  process.stdout.write(
    `\ntarget <= ${TARGET}x: ${ratios.every((r) => r <= TARGET) ? "met" : "NOT met"}; stretch <= ${STRETCH}x: ${ratios
      .map((r) => (r <= STRETCH ? "met" : "not met"))
      .join(" / ")}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
