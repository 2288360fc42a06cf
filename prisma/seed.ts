/**
 * `npm run db:seed [-- --history [--size N] [--seed S] [--replace]]`
 *
 * Migrates DATABASE_URL (default file:./data/intake.db), seeds the demo program,
 * and with --history the generated application history: nine programs in nine
 * time zones, N applications over three years and both rollups. Safe to rerun:
 * a part that is already there is left alone (--replace regenerates the history).
 */
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/create-db.ts";
import { seedDemoData } from "../lib/db/seed-demo-data.ts";
import { seedHistory } from "../lib/db/seed-history.ts";
import { HISTORY_DEFAULT_SIZE, HISTORY_MAX_SIZE } from "../lib/domain/history-generator.ts";
import { readEnv } from "../lib/env.ts";
import { migrateDatabase } from "../server/migrate.ts";

const USAGE = `Usage: npm run db:seed [-- --history [--size N] [--seed S] [--replace]]
  --history      also seed the application history the analytics read
  --size N       applications to generate (1..${HISTORY_MAX_SIZE}, default ${HISTORY_DEFAULT_SIZE})
  --seed S       seed of the generator (a non-negative integer, default 1); the same seed gives the same history
  --replace      delete the history programs' applications and rollups and seed them again
`;

const print = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function parseCount(text: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer in ${min}..${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      history: { type: "boolean", default: false },
      size: { type: "string" },
      seed: { type: "string" },
      replace: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (flags.help) {
    process.stdout.write(USAGE);
    return;
  }
  const size = parseCount(flags.size, HISTORY_DEFAULT_SIZE, 1, HISTORY_MAX_SIZE, "size");
  const seed = parseCount(flags.seed, 1, 0, 2 ** 32 - 1, "seed");
  if (!flags.history && (flags.size !== undefined || flags.seed !== undefined || flags.replace)) {
    throw new Error("--size, --seed and --replace only apply with --history");
  }

  const { DATABASE_URL: url } = readEnv();
  const started = performance.now();
  await migrateDatabase(url);
  print(`migrated ${url} in ${seconds(performance.now() - started)}`);

  const db = await createDb({ url });
  try {
    const now = Date.now();
    const demo = await seedDemoData(db, now);
    print(demo.seeded ? "seeded the demo program" : "demo program already there: left as is");
    if (flags.history) {
      const at = performance.now();
      const history = await seedHistory(db, { now, size, seed, replace: flags.replace });
      if (!history.seeded) {
        print("history already there: left as is (--replace seeds it again)");
      } else {
        print(
          `seeded history (seed ${seed}): ${history.programs} programs, ${history.applications.toLocaleString("en")} applications, ` +
            `${history.dailyRows.toLocaleString("en")} daily and ${history.hourlyRows.toLocaleString("en")} hourly rollup rows ` +
            `in ${seconds(performance.now() - at)}`,
        );
        print("injected anomalies (local dates in the program's zone):");
        for (const a of history.anomalies) {
          const dates = a.firstDate === a.lastDate ? a.firstDate : `${a.firstDate}..${a.lastDate}`;
          print(`  ${a.programSlug} ${dates} admission rate ${a.direction} (${a.rate}): ${a.description}`);
        }
      }
    }
  } finally {
    await db.$disconnect();
  }
  print(`done in ${seconds(performance.now() - started)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
