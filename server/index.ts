import { createDb } from "../lib/db/create-db.ts";
import { ensureAdminCredential } from "../lib/db/ensure-admin-credential.ts";
import { seedDemoData } from "../lib/db/seed-demo-data.ts";
import { seedHistory } from "../lib/db/seed-history.ts";
import { readEnv } from "../lib/env.ts";
import { clusterWarning } from "./cluster-warning.ts";
import { createApp } from "./create-app.ts";
import { createLogger } from "./log.ts";
import { MigrationError, migrateDatabase } from "./migrate.ts";
import { openMetricsWarning } from "./observability/metrics-endpoint.ts";
import { startTracing } from "./observability/tracing.ts";
import { settingsFromEnv } from "./rate-limit/settings-from-env.ts";
import { describeDatabaseUrl, refuseToStart } from "./refuse-to-start.ts";

// `npm start`: migrate, seed an empty database, serve; stop gracefully on SIGTERM/SIGINT.
const env = (() => {
  try {
    return readEnv();
  } catch (err) {
    return refuseToStart(err instanceof Error ? err.message : String(err));
  }
})();
const dev = process.argv.includes("--dev");
// Tracing first, so the migration, the seed and every later span are in it; off without an endpoint.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT ? await startTracing() : undefined;
const log = createLogger({
  level: env.LOG_LEVEL,
  pretty: env.LOG_PRETTY ?? dev,
  secrets: [env.SESSION_SECRET, env.ADMIN_PASSWORD, env.METRICS_TOKEN],
});
if (tracing) log.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, "exporting traces over OTLP");

await migrateDatabase(env.DATABASE_URL).catch((err: unknown) =>
  refuseToStart(
    `DATABASE_URL: cannot migrate the database at ${describeDatabaseUrl(env.DATABASE_URL)}: ` +
      (err instanceof MigrationError ? err.cause : String(err)),
  ),
);
const seedDb = await createDb({ url: env.DATABASE_URL });
const { seeded } = await seedDemoData(seedDb, Date.now());
// Generated history for the analytics, once: a later start finds it and returns at once.
const history =
  env.SEED_HISTORY_SIZE > 0 ? await seedHistory(seedDb, { now: Date.now(), size: env.SEED_HISTORY_SIZE }) : null;
const admin = await ensureAdminCredential(seedDb, { password: env.ADMIN_PASSWORD });
await seedDb.$disconnect();
if (seeded) log.info("seeded demo data");
if (history?.seeded) log.info({ applications: history.applications }, "seeded application history");
if (admin.outcome === "stored") log.info("admin password set from ADMIN_PASSWORD");
// To stderr, never through the logger: log lines are shipped and kept; this is for the operator's eyes, once.
if (admin.outcome === "generated") process.stderr.write(adminPasswordBanner(admin.password));

const app = await createApp({
  databaseUrl: env.DATABASE_URL,
  sessionSecret: env.SESSION_SECRET,
  secureCookies: env.COOKIE_SECURE,
  adminSessionTtlMs: env.ADMIN_SESSION_TTL,
  publicOrigin: env.PUBLIC_ORIGIN,
  instanceName: env.INSTANCE_NAME,
  metricsToken: env.METRICS_TOKEN,
  rateLimit: settingsFromEnv(env),
  redisUrl: env.REDIS_URL,
  next: { dev },
  log,
});
const url = await app.listen(env.PORT, env.HOST);
log.info({ url }, "Intake is listening");
const clusterNote = clusterWarning(env.DATABASE_URL, env.REDIS_URL);
if (clusterNote) log.warn(clusterNote);
const metricsWarning = openMetricsWarning(env.HOST, env.METRICS_TOKEN);
if (metricsWarning) log.warn({ host: env.HOST }, metricsWarning);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    app
      .close()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  });
}

function adminPasswordBanner(password: string): string {
  const rule = "=".repeat(72);
  return [
    "",
    rule,
    "  Intake generated an admin password (ADMIN_PASSWORD is not set):",
    "",
    `      ${password}`,
    "",
    "  Sign in at /admin/login. It is shown this once; only its hash is kept.",
    "  To choose your own, set ADMIN_PASSWORD and restart.",
    rule,
    "",
    "",
  ].join("\n");
}
